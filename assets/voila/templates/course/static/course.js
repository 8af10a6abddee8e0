/* Breaking the Cycle: small page helpers, written once for every lesson.
 *
 * 1. Remember which lessons this browser has opened (localStorage only; nothing is sent anywhere)
 *    and mark them in the lesson list and the course map: only once the learner has chosen
 *    "Keep my answers on this device" (widgets/views/my_record.py). Before that, nothing is written.
 * 2. Give widget controls and live text the accessible names and roles that ipywidgets leaves out
 *    (the slider handle has no name; describers must be polite live regions).
 * 3. Let Escape close the "Get help now" panel.
 * 4. Run the relaxation timers of lesson 05 (breathing guide, step timers) in the browser.
 * 5. Keep links to lessons, and tel:/sms: links, in the same tab: JupyterLab's output renderer
 *    opens every link in a new tab (on the static site each tab is another Python, ~350 MiB).
 * 6. Presentation mode, for a group leader who projects a lesson: large type, no lesson menu, one
 *    section on screen at a time (a section starts at each markdown cell with an h1 or h2).
 * 7. Link the lesson list's "Your answers on this device" to the page's record panel, if it has one:
 *    the link scrolls to it and unfolds its backup, restore and forget settings.
 *
 * Widgets are drawn after the page loads, so the helpers run again whenever the page changes.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "btc-visited-v1";

  // The words this script writes into the page, in the course's language: the template puts
  // widgets/content/chrome.toml's [script] table in the page as JSON data (never as code).
  var WORDS = (function () {
    try {
      var el = document.getElementById("btc-script-words");
      var words = el ? JSON.parse(el.textContent) : {};
      return words && typeof words === "object" ? words : {};
    } catch (e) {
      return {};
    }
  })();

  // say("left", {time: "1:00"}): a [script] sentence with its {names} filled in.
  function say(key, values) {
    var text = typeof WORDS[key] === "string" ? WORDS[key] : "";
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function readVisited() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      var list = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list.filter(function (x) { return typeof x === "string"; }) : [];
    } catch (e) {
      return [];  // storage blocked or corrupt: the course still works, it just cannot remember
    }
  }

  // The learner's choice, as the record's browser half keeps it (widgets/ui/device_store.js):
  // "btc-record-v1:<course id>:<this course's base path>:consent" is "keep". Read, never written.
  function basePath() {
    var path = window.location.pathname || "/";
    var match = path.match(/^(.*?\/)(?:voila|voici)\/render\//);
    return match ? match[1] : path.replace(/[^/]*$/, "") || "/";
  }

  function keepsAnswers() {
    try {
      var store = window.localStorage;
      var tail = ":" + encodeURIComponent(basePath()) + ":consent";
      for (var i = 0; i < store.length; i += 1) {
        var key = store.key(i);
        if (key && key.indexOf("btc-record-v1:") === 0 && key.slice(-tail.length) === tail &&
            store.getItem(key) === "keep") { return true; }
      }
    } catch (e) { /* blocked storage: keep nothing */ }
    return false;
  }

  function rememberVisit(file) {
    if (!file || !keepsAnswers()) { return; }
    var visited = readVisited();
    if (visited.indexOf(file) === -1) {
      visited.push(file);
      try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(visited)); } catch (e) { /* ignore */ }
    }
  }

  // Lessons opened on an earlier page load: the lesson list marks these "opened before", so the
  // page a learner is reading for the first time is not marked as if they had seen it.
  var openedBefore = [];

  function markVisited(root) {
    var visited = readVisited();
    root.querySelectorAll(".btc-lesson-link[data-lesson]").forEach(function (link) {
      var seen = openedBefore.indexOf(link.getAttribute("data-lesson")) !== -1;
      var mark = link.querySelector(".btc-visited-mark");
      if (seen && !mark) {
        mark = document.createElement("span");
        mark.className = "btc-visited-mark";
        var tick = document.createElement("span");
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = " ✓";
        var words = document.createElement("span");
        words.className = "btc-visually-hidden";
        words.textContent = " " + say("opened_before");
        mark.appendChild(tick);
        mark.appendChild(words);
        link.appendChild(mark);
        link.classList.add("btc-visited");
      }
    });
    root.querySelectorAll(".btc-map li[data-lesson]").forEach(function (item) {
      item.classList.toggle("btc-visited", visited.indexOf(item.getAttribute("data-lesson")) !== -1);
    });
    root.querySelectorAll(".btc-map-progress").forEach(function (el) {
      var items = document.querySelectorAll(".btc-map li[data-lesson]");
      var done = 0;
      items.forEach(function (item) { if (item.classList.contains("btc-visited")) { done += 1; } });
      var text = say("map_progress", { done: done, total: items.length });
      if (el.textContent !== text) { el.textContent = text; }  // no change, no new mutation
    });
  }

  function labelText(widget) {
    var label = widget.querySelector(".widget-label");
    return label ? label.textContent.trim() : "";
  }

  // Changing an attribute is itself a mutation: only write when the value differs, so the
  // observer below settles instead of looping.
  function setIfChanged(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function patchAccessibility(root) {
    // Slider handles: name them after the widget's description.
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider, .widget-hslider, .widget-vslider").forEach(function (widget) {
      var name = labelText(widget);
      if (!name) { return; }
      widget.querySelectorAll(".noUi-handle").forEach(function (handle) {
        setIfChanged(handle, "aria-label", name);
      });
      widget.querySelectorAll(".widget-readout").forEach(function (readout) {
        setIfChanged(readout, "aria-label", name + ": value");
      });
    });
    // Radio buttons: ipywidgets gives its inputs no shared name, so each is its own tab stop and
    // arrow keys do nothing. A shared name makes them one native group; the question names it.
    root.querySelectorAll(".widget-radio-box").forEach(function (box, index) {
      var group = box.getAttribute("data-btc-group") || "btc-radio-" + index + "-" + Date.now();
      setIfChanged(box, "data-btc-group", group);
      setIfChanged(box, "role", "radiogroup");
      box.querySelectorAll("input[type='radio']").forEach(function (input) {
        setIfChanged(input, "name", group);
      });
      var question = box.closest(".btc-quiz-question");
      var prompt = question ? question.querySelector(".btc-question") : null;
      if (prompt) {
        if (!prompt.id) { prompt.id = group + "-label"; }
        setIfChanged(box, "aria-labelledby", prompt.id);
      }
    });
    // Describers and other changing text: announce politely.
    root.querySelectorAll(".btc-live").forEach(function (el) {
      setIfChanged(el, "role", "status");
      setIfChanged(el, "aria-live", "polite");
    });
    // Charts: a named figure, described by the text alternative that follows it.
    root.querySelectorAll(".btc-plot").forEach(function (el, index) {
      var alt = el.parentElement ? el.parentElement.querySelector(".btc-alt") : null;
      if (!alt) { return; }
      if (!alt.id) { alt.id = "btc-alt-" + index; }
      var title = alt.querySelector(".btc-alt-title");
      setIfChanged(el, "role", "figure");
      setIfChanged(el, "aria-label", title ? title.textContent.trim() : say("chart"));
      setIfChanged(el, "aria-describedby", alt.id);
    });
  }

  // Relaxation timers. Python only writes the markup (widgets/views/relaxation.py); all timing is
  // here, so it stays smooth and sends nothing to the server, even when the kernel is slow.
  // A timer reads the clock on every tick (so it stays in step with the CSS animation even when
  // the tab is throttled) and stops itself once its element leaves the page (Stop, another step).
  // Only phase changes and a step's start and end go to live regions; seconds are aria-hidden.
  var PHASE_WORDS = { "in": say("breathe_in"), "hold": say("hold"), "out": say("breathe_out") };

  function setText(el, text) {
    if (el && el.textContent !== text) { el.textContent = text; }  // no change, no mutation
  }

  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function runTimer(el, total, onTick, onDone) {
    var startedAt = Date.now();
    var id = window.setInterval(tick, 200);
    function tick() {
      if (!el.isConnected) { window.clearInterval(id); return; }
      var elapsed = (Date.now() - startedAt) / 1000;
      if (elapsed >= total) { window.clearInterval(id); onDone(); return; }
      onTick(elapsed, Math.ceil(total - elapsed));
    }
    tick();
  }

  // <div class="btc-pacer" data-phases="in:4,out:6" data-seconds="60">: "Breathe in… 4, 3, 2, 1".
  function startPacer(el) {
    var phases = (el.getAttribute("data-phases") || "").split(",").map(function (part) {
      var bits = part.split(":");
      return { kind: bits[0], seconds: parseInt(bits[1], 10) };
    }).filter(function (p) { return PHASE_WORDS[p.kind] && p.seconds > 0; });
    var total = parseInt(el.getAttribute("data-seconds"), 10);
    if (!phases.length || !(total > 0)) { return; }
    var cycle = phases.reduce(function (sum, p) { return sum + p.seconds; }, 0);
    var phaseEl = el.querySelector(".btc-pacer-phase");
    var countEl = el.querySelector(".btc-pacer-count");
    var leftEl = el.querySelector(".btc-pacer-left");
    runTimer(el, total, function (elapsed, left) {
      var t = elapsed % cycle, i = 0;
      while (i < phases.length - 1 && t >= phases[i].seconds) { t -= phases[i].seconds; i += 1; }
      setIfChanged(el, "data-phase", phases[i].kind);  // reduced motion: a colour change only
      setText(phaseEl, PHASE_WORDS[phases[i].kind]);   // announced: it changes once a phase
      setText(countEl, String(Math.max(1, Math.ceil(phases[i].seconds - t))));
      setText(leftEl, say("left", { time: clock(left) }));
    }, function () {
      setIfChanged(el, "data-phase", "done");
      setText(phaseEl, el.getAttribute("data-done") || say("done"));
      setText(countEl, "");
      setText(leftEl, "");
    });
  }

  // <div class="btc-step-timer" data-seconds="20">: announced when it starts and when time is up.
  function startStepTimer(el) {
    var total = parseInt(el.getAttribute("data-seconds"), 10);
    if (!(total > 0)) { return; }
    var statusEl = el.querySelector(".btc-timer-status");
    var countEl = el.querySelector(".btc-timer-count");
    setText(statusEl, say("timer_started", { seconds: total }));
    runTimer(el, total, function (elapsed, left) {
      setText(countEl, say("left", { time: clock(left) }));
    }, function () {
      setText(countEl, "0:00");
      setText(statusEl, el.getAttribute("data-done") || say("time_up"));
    });
  }

  function startTimers(root) {
    root.querySelectorAll(".btc-pacer[data-seconds], .btc-step-timer[data-seconds]").forEach(function (el) {
      if (el.btcTimerStarted) { return; }  // a new Start or step inserts a new element
      el.btcTimerStarted = true;
      if (el.classList.contains("btc-pacer")) { startPacer(el); } else { startStepTimer(el); }
    });
  }

  function keepLinksInTab(root) {
    root.querySelectorAll("a[target='_blank']").forEach(function (link) {
      var href = link.getAttribute("href") || "";
      var elsewhere = /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^(tel|sms|mailto):/i.test(href);
      if (!elsewhere) { link.removeAttribute("target"); }
    });
  }

  // ipywidgets' file button counts the files it holds ("Load a diary file (0)"); the course's
  // tools read a file at once and empty the button, so the count only ever says "(0)". Dropped.
  function tidyUploadButtons(root) {
    root.querySelectorAll("button.widget-upload").forEach(function (button) {
      button.childNodes.forEach(function (node) {
        if (node.nodeType !== 3) { return; }
        var tidy = node.textContent.replace(/\s*\(\d+\)\s*$/, "");
        if (tidy !== node.textContent) { node.textContent = tidy; }
      });
    });
  }

  var scheduled = false;
  function refresh() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      markVisited(document);
      patchAccessibility(document);
      keepLinksInTab(document);
      tidyUploadButtons(document);
      linkRecordPanel();
      landOnHeading();
      showPlayingStage();
      renderPresentation();  // cells drawn late (outputs, the static site's kernel) join a section
    });
  }

  // A simulator starts playing (widgets/ui/scene.py marks its play bar .btc-playing): if its chart
  // is above or below the screen, as on a phone after "Show me" in the controls under the chart,
  // bring the chart into view once, so the learner sees the run they asked for.
  function showPlayingStage() {
    document.querySelectorAll(".btc-play-bar").forEach(function (bar) {
      var playing = bar.classList.contains("btc-playing");
      if (!playing) { delete bar.dataset.btcShown; return; }
      if (bar.dataset.btcShown) { return; }
      bar.dataset.btcShown = "1";
      var stage = bar.closest(".btc-scene-stage") || bar;
      var box = stage.getBoundingClientRect();
      var header = document.querySelector(".btc-header");
      var top = header ? header.getBoundingClientRect().bottom : 0;
      if (box.top < top || box.top > window.innerHeight * 0.6) { scrollToPlace(stage); }
    });
  }

  // A link to a place in a lesson (#How-pain-can-pull-your-mood-down, "Continue where you left
  // off") arrives before the lesson is drawn on the static site, so the browser finds nothing to
  // scroll to. Once the heading is there, go to it, once per page, unless the reader has
  // already scrolled. Presentation mode's #section-N is its own.
  // Widgets drawn above the heading later push it down, so for a few seconds it is followed,
  // as long as the reader has not scrolled away themselves.
  var landed = false, landing = null;
  function landOnHeading() {
    var hash = window.location.hash;
    if (landed) { return; }
    if (!hash || hash.length < 2 || SECTION_HASH.test(hash)) { landed = true; return; }
    var target = null;
    try {
      target = document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) { landed = true; return; }  // a malformed escape: no such place
    if (!target) { return; }  // not drawn yet: the next change looks again
    var scroller = scrollers().filter(function (el) { return el.scrollHeight > el.clientHeight; })[0];
    if (!scroller) { return; }
    if (landing === null) {
      if (scroller.scrollTop > 0) { landed = true; return; }  // the reader is already elsewhere
      landing = { until: Date.now() + 10000, at: -1 };
    }
    if (Date.now() > landing.until || (landing.at >= 0 && scroller.scrollTop !== landing.at)) {
      landed = true;  // time is up, or the reader scrolled
      return;
    }
    var header = presentParts().header;
    var top = target.getBoundingClientRect().top - (header ? header.offsetHeight : 0);
    if (Math.abs(top) > 24) {
      scrollToPlace(target);
      landing.at = scroller.scrollTop;
    }
  }

  // The record panel is drawn by the kernel, so the menu's link to it waits for it to appear.
  function linkRecordPanel() {
    var panel = document.querySelector(".btc-my-record");
    var link = document.getElementById("btc-record-link");
    if (!panel || !link || panel.id === "btc-my-record") { return; }
    panel.id = "btc-my-record";
    panel.setAttribute("tabindex", "-1");
    link.parentNode.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var target = document.getElementById("btc-my-record");
      if (!target) { return; }
      var toggle = target.querySelector(".btc-record-settings-button");
      var folded = target.querySelector(".btc-record-settings");
      if (toggle && folded && folded.offsetParent === null && toggle.offsetParent !== null) {
        toggle.click();  // unfold backup, restore and forget (the kernel keeps track)
      }
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  // Presentation mode. The switch (#btc-present, aria-pressed) or ?present=1 turns it on, and the
  // choice is kept for this tab (sessionStorage), so the next lesson opens in it too; the switch,
  // Escape or ?present=0 turns it off. CSS does the look (html.btc-presenting, in course.css); this
  // only decides which cells are on screen (.btc-on-section), so it works the same in Voila and
  // on the static site. The place is kept in the URL (#section-3), so a reload stays there.
  var PRESENT_KEY = "btc-present-v1";
  var SECTION_HASH = /^#section-(\d+)$/;
  // Keys that belong to what has focus: typing, sliders, widgets, and the help panel. The course's
  // own section buttons are left out, so arrows still page after pressing "Present" or "Next".
  var OWN_KEYS = "input, textarea, select, [role='slider'], [contenteditable], .jupyter-widgets, " +
    "#btc-help, button:not(.btc-presentation-switch):not(.btc-present-bar button)";
  var presenting = false;
  var current = 0;  // the section on screen, counted from 0

  function storePresenting(on) {
    try {
      if (on) { window.sessionStorage.setItem(PRESENT_KEY, "1"); }
      else { window.sessionStorage.removeItem(PRESENT_KEY); }
    } catch (e) { /* storage blocked: the mode still works on this page */ }
  }

  function storedPresenting() {
    try { return window.sessionStorage.getItem(PRESENT_KEY) === "1"; } catch (e) { return false; }
  }

  // The lesson's cells in order, grouped: a markdown cell with an h1 or h2 starts a section, and
  // anything before the first such cell belongs to the first section (no empty first screen).
  function lessonSections() {
    var sections = [];
    var headed = false;
    document.querySelectorAll(".btc-cells .jp-Cell").forEach(function (cell) {
      if (cell.parentElement.closest(".jp-Cell")) { return; }
      var heading = cell.classList.contains("jp-MarkdownCell") && cell.querySelector("h1, h2");
      if (!sections.length || (heading && headed)) { sections.push([]); headed = false; }
      sections[sections.length - 1].push(cell);
      if (heading) { headed = true; }
    });
    return sections;
  }

  function presentParts() {
    return {
      toggle: document.getElementById("btc-present"),
      bar: document.getElementById("btc-present-bar"),
      status: document.querySelector("#btc-present-bar .btc-present-status"),
      prev: document.querySelector("#btc-present-bar .btc-present-prev"),
      next: document.querySelector("#btc-present-bar .btc-present-next"),
      header: document.querySelector(".btc-header"),
    };
  }

  // Voila's shell scrolls #rendered_cells; before the shell (and on other hosts) the window does.
  function scrollers() {
    return [document.getElementById("rendered_cells"), document.scrollingElement].filter(Boolean);
  }

  function scrollToTop() {
    scrollers().forEach(function (el) { el.scrollTop = 0; });
  }

  // Bring `el` to the top of the window, below the sticky header rather than under it.
  function scrollToPlace(el) {
    el.scrollIntoView({ block: "start" });
    var header = presentParts().header;
    var scroller = scrollers().filter(function (s) { return s.scrollTop > 0; })[0];
    if (header && scroller) { scroller.scrollTop -= header.offsetHeight + 8; }
  }

  function renderPresentation() {
    var parts = presentParts();
    if (!parts.toggle || !parts.bar) { return; }
    var root = document.documentElement;
    root.classList.toggle("btc-presenting", presenting);
    setIfChanged(parts.toggle, "aria-pressed", presenting ? "true" : "false");
    if (parts.bar.hidden === presenting) { parts.bar.hidden = !presenting; }
    var sections = lessonSections();
    if (!presenting) {
      sections.forEach(function (cells) {
        cells.forEach(function (cell) { cell.classList.remove("btc-on-section"); });
      });
      root.classList.remove("btc-last-section");
      return;
    }
    var count = Math.max(sections.length, 1);
    current = Math.min(Math.max(current, 0), count - 1);
    sections.forEach(function (cells, index) {
      cells.forEach(function (cell) {
        cell.classList.toggle("btc-on-section", index === current);
      });
    });
    root.classList.toggle("btc-last-section", current === count - 1);
    setIfChanged(root, "data-btc-section", String(current + 1));
    setText(parts.status, say("section_of", { number: current + 1, count: count }));
    if (parts.prev.disabled !== (current === 0)) { parts.prev.disabled = current === 0; }
    var last = current === count - 1;
    if (parts.next.disabled !== last) { parts.next.disabled = last; }
    // The lesson fills the window below the header, so the section buttons sit at its foot.
    var top = parts.header ? Math.round(parts.header.getBoundingClientRect().height) + "px" : "0px";
    if (root.style.getPropertyValue("--btc-present-top") !== top) {
      root.style.setProperty("--btc-present-top", top);
    }
  }

  // Keep the place in the address (replaced, not pushed: Back still leaves the lesson). Off, a
  // section number is dropped; any other place (#Sources) is left alone.
  function writeSectionHash() {
    var hash = presenting ? "#section-" + (current + 1) : "";
    if (!presenting && !SECTION_HASH.test(window.location.hash)) { return; }
    if (window.location.hash === hash) { return; }
    try {
      window.history.replaceState(window.history.state, "",
        window.location.pathname + window.location.search + hash);
    } catch (e) { /* some hosts forbid it: the mode works, a reload starts at section 1 */ }
  }

  function focusHeading(cells) {
    var heading = null;
    for (var i = 0; i < cells.length && !heading; i++) {
      heading = cells[i].querySelector("h1, h2");
    }
    heading = heading || cells[0];
    if (!heading) { return; }
    setIfChanged(heading, "tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  function showSection(index, focus) {
    var sections = lessonSections();
    if (!sections.length) { return; }
    current = Math.min(Math.max(index, 0), sections.length - 1);
    renderPresentation();
    writeSectionHash();
    scrollToTop();
    if (focus) { focusHeading(sections[current]); }
    announceShown(current + 1);
  }

  // For benchmarks/presentation.py (and anything else that wants to know): a section is on screen.
  function announceShown(number) {
    document.dispatchEvent(new CustomEvent("btc-section-shown", { detail: { section: number } }));
  }

  // The section the reader has reached: the last one whose first cell starts above mid-screen.
  function sectionInView(sections) {
    var found = 0;
    var line = window.innerHeight / 2;
    sections.forEach(function (cells, index) {
      var box = cells[0].getBoundingClientRect();
      if (box.height && box.top <= line) { found = index; }
    });
    return found;
  }

  function setPresenting(on) {
    if (on === presenting) { return; }
    var sections = lessonSections();
    // Turning it on keeps the reader's place; turning it off leaves the same section in view.
    if (on) {
      var top = scrollers().some(function (el) { return el.scrollTop > 0; });
      current = top ? sectionInView(sections) : 0;
    }
    presenting = on;
    storePresenting(on);
    try {  // ?present=1 (or =0) has been followed: a reload must not undo the choice just made
      var url = new URL(window.location.href);
      if (url.searchParams.has("present")) {
        url.searchParams.delete("present");
        window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
      }
    } catch (e) { /* ignore */ }
    if (on) {
      showSection(current, false);
      return;
    }
    renderPresentation();
    writeSectionHash();
    var first = sections[current] && sections[current][0];
    if (first && current > 0) { scrollToPlace(first); }
    announceShown(0);
  }

  // PageDown and PageUp (what a presentation clicker sends) scroll a section taller than the
  // screen first, then move on; the arrow keys always move to the next or previous section.
  function pageOrMove(step) {
    var scroller = scrollers().filter(function (el) {
      return el.scrollHeight > el.clientHeight + 1;
    })[0];
    if (scroller) {
      var room = step > 0 ? scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop
        : scroller.scrollTop;
      if (room > 2) {
        var still = window.matchMedia &&
          window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        var bar = presentParts().bar;
        var by = scroller.clientHeight - (bar ? bar.offsetHeight : 0) - 80;
        scroller.scrollBy({ top: step * Math.max(by, 40), behavior: still ? "auto" : "smooth" });
        return;
      }
    }
    showSection(current + step, true);
  }

  // A link to a place inside a section that is not on screen (a source, a heading) shows it.
  function followHash() {
    if (!presenting) { return; }
    var match = SECTION_HASH.exec(window.location.hash);
    if (match) {
      var wanted = parseInt(match[1], 10) - 1;
      if (wanted !== current) { showSection(wanted, false); }
      return;
    }
    var target = null;
    try {
      target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    } catch (e) { /* a malformed escape: no such place */ }
    var sections = lessonSections();
    var cell = target && target.closest(".btc-cells .jp-Cell");
    for (var i = 0; cell && i < sections.length; i++) {
      if (sections[i].indexOf(cell) !== -1) {
        current = i;
        renderPresentation();
        scrollToPlace(target);
      }
    }
    writeSectionHash();
  }

  function onPresentKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target && event.target.closest ? event.target : null;
    if (target && target.closest(OWN_KEYS)) { return; }
    if (event.key === "Escape") {
      setPresenting(false);
      var toggle = presentParts().toggle;
      if (toggle) { toggle.focus({ preventScroll: true }); }
      event.preventDefault();
      return;
    }
    if (event.shiftKey) { return; }
    var moves = { ArrowRight: 1, ArrowLeft: -1, PageDown: 2, PageUp: -2 };
    var move = moves[event.key];
    if (!move) { return; }
    event.preventDefault();
    if (Math.abs(move) === 2) { pageOrMove(move / 2); } else { showSection(current + move, true); }
  }

  function startPresentation() {
    var parts = presentParts();
    if (!parts.toggle || !parts.bar) { return; }
    var asked = null;
    try {
      asked = new URLSearchParams(window.location.search).get("present");
    } catch (e) { /* a browser without URLSearchParams: the tab's choice only */ }
    presenting = asked === "1" ? true : asked === "0" ? false : storedPresenting();
    if (asked === "1" || asked === "0") { storePresenting(presenting); }
    var match = SECTION_HASH.exec(window.location.hash);
    current = match ? parseInt(match[1], 10) - 1 : 0;
    renderPresentation();
    if (presenting) { writeSectionHash(); }
    parts.toggle.addEventListener("click", function () { setPresenting(!presenting); });
    parts.prev.addEventListener("click", function () { showSection(current - 1, true); });
    parts.next.addEventListener("click", function () { showSection(current + 1, true); });
    window.addEventListener("hashchange", followHash);
    window.addEventListener("resize", function () { if (presenting) { renderPresentation(); } });
  }

  // This page is remembered once the learner keeps answers: at load, or when they choose to on
  // this page (the record panel changes, so the observer below runs).
  var visitPending = true;
  function rememberThisVisit() {
    if (visitPending && keepsAnswers()) {
      visitPending = false;
      rememberVisit(document.body.getAttribute("data-lesson"));
    }
  }

  function start() {
    openedBefore = readVisited();
    rememberThisVisit();
    refresh();
    startTimers(document);
    new MutationObserver(function () {
      startTimers(document);  // at once, not on the next frame: keeps text and circle in step
      rememberThisVisit();
      refresh();
    }).observe(document.body, { childList: true, subtree: true });
    startPresentation();
    document.addEventListener("keydown", function (event) {
      var help = document.getElementById("btc-help");
      if (event.key === "Escape" && help && help.open) {  // Escape closes help before anything else
        help.open = false;
        help.querySelector("summary").focus();
        event.preventDefault();
        return;
      }
      if (presenting) { onPresentKey(event); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
