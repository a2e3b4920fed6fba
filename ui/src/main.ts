// Entry point: apply the remembered interface language, then show the library.
import "./styles.css";
import { initLanguage } from "./i18n";
import { mountLibrary } from "./views/library";

initLanguage();
const root = document.getElementById("app");
if (root) void mountLibrary(root).refresh();
