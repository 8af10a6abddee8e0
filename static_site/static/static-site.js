/* Breaking the Cycle, static site only (loaded first in every page by static_site/build.py).
 *
 * 1. No service worker. JupyterLite registers one so that the kernel can see the site's files
 *    (and ask for input()); the course needs neither. Without it a page is interactive about
 *    0.7 s sooner, and it behaves the same on every host: over plain http from a host other
 *    than localhost browsers have no service workers, and Voici 0.10 then waits for one forever
 *    ("Loading the lesson…" stays). A stand-in that refuses to register lets the page go on.
 *    Voici logs the refusal (a warning, and an error that reads "undefined").
 * 2. Lesson links point at the built pages. Lessons and the course map (drawn by the kernel) link to other lessons by notebook name,
 * "02_depression.ipynb", which is what the served course (Voila) renders. The static site has the
 * page 02_depression.html instead, so relative links ending in .ipynb are pointed there, also for
 * links drawn after the page loaded. build.py already rewrites the links written into the page.
 */
(function () {
  "use strict";
  var refuse = function () {
    return Promise.reject(new Error("this course runs without a service worker"));
  };
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { controller: null, register: refuse, getRegistration: refuse, getRegistrations: refuse },
  });

  var NOTEBOOK = /^([^\/:?#]+)\.ipynb(#.*)?$/;

  function fix(root) {
    root.querySelectorAll("a[href$='.ipynb'], a[href*='.ipynb#']").forEach(function (link) {
      var match = NOTEBOOK.exec(link.getAttribute("href"));
      if (match) { link.setAttribute("href", match[1] + ".html" + (match[2] || "")); }
    });
  }

  function start() {
    fix(document);
    new MutationObserver(function () { fix(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
