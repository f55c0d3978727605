export const THEME_STORAGE_KEY = "gantry-theme";

/**
 * Runs in <head> before first paint: a stored choice wins, otherwise the OS preference.
 * Kept tiny and dependency-free because it is inlined into every page.
 */
export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
