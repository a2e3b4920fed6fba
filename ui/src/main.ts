// Entry point: apply the remembered interface language, then start the app.
import "./styles.css";
import { mountApp } from "./app";
import { initLanguage } from "./i18n";

initLanguage();
const root = document.getElementById("app");
if (root) mountApp(root);
