/* Rejoinder: reading aids for debate pages.
 *
 * Every page is complete without this script: the cards are in time order, times are in UTC,
 * links go to the cards they name and the editors' notes follow the posts. The script only adds:
 *   - two orders for the cards of a debate page (reply tree / timeline), switched in place;
 *   - the reader's local time beside each UTC time;
 *   - previews of the card a link points to (hover, keyboard focus or a first tap);
 *   - the link between an editor's note and the words it is about;
 *   - keyboard access to regions that scroll (code blocks wider than the page);
 *   - names for the theme's unnamed landmarks.
 * Each is one feature started from one ready callback, in a try/catch of its own: one that fails
 * is reported on the console and the others still run. Deep structures (reply chains) are walked
 * with explicit stacks, never by recursion.
 *
 * Class names are the page's contract with the renderer: every "rj-..." and "rejoinder-..." name
 * used here is declared in rejoinder/names.py (a test holds this file to that list).
 *
 * Content from other pages is our own generated HTML; it is still copied node by node through
 * a whitelist (no innerHTML, no ids, no links, no scripts).
 */
(function () {
  "use strict";

  const doc = document;
  const CARD = ".rejoinder-card";

  function ready(fn) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function make(tag, className, text) {
    let node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function byId(root, id) {
    return root.getElementById ? root.getElementById(id) : null;
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text;
    }
  }

  // The card a node is in; a post's section (which holds the post's id) gives its card.
  function cardOf(node) {
    if (node && node.classList && node.classList.contains("rj-post-section")) {
      return node.querySelector(":scope > " + CARD);
    }
    return node && node.closest ? node.closest(CARD) : null;
  }

  function uniqueId(base) {
    let id = base;
    for (let i = 2; doc.getElementById(id); i++) id = base + "-" + i;
    return id;
  }

  /* ------------------------------------------------------------------ local times ---- */

  function localTimes(root) {
    let times = root.querySelectorAll("time.rj-time[datetime]");
    for (let i = 0; i < times.length; i++) addLocalTime(times[i]);
  }

  function sameUtcDay(date) {
    return (
      date.getFullYear() === date.getUTCFullYear() &&
      date.getMonth() === date.getUTCMonth() &&
      date.getDate() === date.getUTCDate()
    );
  }

  function addLocalTime(time) {
    let next = time.nextElementSibling;
    if (next && next.classList.contains("rj-local-time")) return;
    let date = new Date(time.getAttribute("datetime"));
    if (isNaN(date.getTime()) || typeof Intl === "undefined") return;
    if (date.getTimezoneOffset() === 0) return; // the reader's time is UTC: nothing to add
    let parts = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
    if (!sameUtcDay(date)) {
      parts.month = "short";
      parts.day = "numeric";
    }
    let label;
    let full;
    try {
      label = new Intl.DateTimeFormat(undefined, parts).format(date);
      full = new Intl.DateTimeFormat(undefined, {
        dateStyle: "full",
        timeStyle: "long",
      }).format(date);
    } catch (error) {
      return;
    }
    let span = make("span", "rj-local-time", "(" + label + ", your time)");
    span.title = full;
    time.after(" ", span);
  }

  /* ------------------------------------------------------------------ two orders ----- */

  function viewOfLink(link) {
    try {
      return new URL(link.getAttribute("href"), location.href).searchParams.get("view");
    } catch (error) {
      return null;
    }
  }

  // A card's header: the heading of its section on a debate page, else its own header.
  function headerOf(card) {
    let section = card.parentNode;
    if (section && section.classList && section.classList.contains("rj-post-section")) {
      let heading = section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
      if (heading) return heading;
    }
    return card.querySelector(".sd-card-header");
  }

  function cardTime(card) {
    let header = headerOf(card);
    let time = header && header.querySelector("time.rj-time[datetime]");
    if (!time) return null;
    let value = Date.parse(time.getAttribute("datetime"));
    return isNaN(value) ? null : value;
  }

  function linkedCard(card, selector, onPage) {
    let links = card.querySelectorAll(selector);
    for (let i = 0; i < links.length; i++) {
      let href = links[i].getAttribute("href") || "";
      if (href.charAt(0) !== "#" || href.length < 2) continue;
      let target = cardOf(byId(doc, decode(href.slice(1))));
      if (target && target !== card && onPage.has(target)) return target;
    }
    return null;
  }

  function initViews() {
    let bar = doc.querySelector(".rj-views");
    if (!bar) return;
    let cards = Array.prototype.slice.call(doc.querySelectorAll(CARD + ".rj-post"));
    if (!cards.length) return;
    let links = {};
    bar.querySelectorAll("a[href]").forEach(function (link) {
      let view = viewOfLink(link);
      if (view === "tree" || view === "time") links[view] = link;
    });
    if (!links.tree || !links.time) return;

    // Timeline: by time, then document order (a card without a time keeps its neighbour's).
    let last = -Infinity;
    let keys = cards.map(function (card, index) {
      let time = cardTime(card);
      if (time !== null) last = time;
      return { card: card, time: time === null ? last : time, index: index };
    });
    keys.sort(function (a, b) {
      return a.time - b.time || a.index - b.index;
    });
    let timeline = keys.map(function (key) {
      return key.card;
    });

    // Conversation: depth first along replies_to (else quotes), children in time order.
    const onPage = new Set(cards);
    let parent = new Map();
    let children = new Map();
    timeline.forEach(function (card) {
      children.set(card, []);
    });
    timeline.forEach(function (card) {
      let up =
        linkedCard(card, ".rj-links .rj-edge-replies-to a[href]", onPage) ||
        linkedCard(card, ".rj-links .rj-edge-quotes a[href]", onPage);
      if (up) {
        parent.set(card, up);
        children.get(up).push(card);
      }
    });
    // Depth first, with a stack of its own rather than recursion: a chain of replies can be
    // thousands of posts deep, deeper than the browser's call stack.
    let tree = [];
    let depth = new Map();
    let seen = new Set();
    function walk(root) {
      let stack = [[root, 0]];
      while (stack.length) {
        let top = stack.pop();
        let card = top[0];
        if (seen.has(card)) continue;
        seen.add(card);
        depth.set(card, top[1]);
        tree.push(card);
        let below = children.get(card);
        for (let i = below.length - 1; i >= 0; i--) stack.push([below[i], top[1] + 1]);
      }
    }
    timeline.forEach(function (card) {
      if (!parent.has(card)) walk(card);
    });
    timeline.forEach(function (card) {
      walk(card); // cards in a cycle of replies: start a thread of their own
    });

    // On a debate page each card sits in a section of its own (headed by the card's header):
    // the sections are what move.
    function unitOf(card) {
      let section = card.parentNode;
      return section && section.classList && section.classList.contains("rj-post-section")
        ? section
        : card;
    }
    let container = unitOf(cards[0]).parentNode;
    let marker = doc.createComment("rejoinder cards");
    container.insertBefore(marker, unitOf(cards[0]));
    let status = make("span", "rj-sr-only");
    status.setAttribute("role", "status");
    bar.appendChild(status);

    function authorOf(card) {
      let header = headerOf(card);
      let author = header && header.querySelector(".rj-author");
      let handle = header && header.querySelector(".rj-handle");
      let text = (author && author.textContent.trim()) || (handle && handle.textContent.trim());
      return text || "unknown author";
    }

    function threadLabel(card, on) {
      let unit = unitOf(card);
      let header = headerOf(card);
      if (header && header.querySelector(":scope > .sd-card-text")) {
        header = header.querySelector(":scope > .sd-card-text");
      }
      let label = unit.querySelector(".rj-thread-label");
      if (!on) {
        if (label) label.remove();
        return;
      }
      let level = depth.get(card) || 0;
      let text =
        level === 0
          ? "Starts a thread."
          : "Level " + (level + 1) + ", answering " + authorOf(parent.get(card)) + ".";
      if (!label) {
        label = make("span", "rj-thread-label rj-sr-only");
        if (header) header.insertBefore(label, header.firstChild);
      }
      label.textContent = text + " ";
    }

    function apply(view, announce) {
      let order = view === "tree" ? tree : timeline;
      let focused = doc.activeElement;
      let fragment = doc.createDocumentFragment();
      order.forEach(function (card) {
        let unit = unitOf(card);
        fragment.appendChild(unit);
        let level = view === "tree" ? depth.get(card) || 0 : 0;
        unit.style.setProperty("--rj-depth", String(Math.min(level, 6)));
        unit.setAttribute("data-rj-depth", String(level));
        threadLabel(card, view === "tree");
      });
      container.insertBefore(fragment, marker.nextSibling);
      container.classList.toggle("rj-view-tree", view === "tree");
      container.classList.toggle("rj-view-time", view !== "tree");
      Object.keys(links).forEach(function (name) {
        if (name === view) links[name].setAttribute("aria-current", "true");
        else links[name].removeAttribute("aria-current");
      });
      if (focused && focused !== doc.body && focused.isConnected && focused !== doc.activeElement) {
        focused.focus({ preventScroll: true });
      }
      if (announce) {
        status.textContent =
          view === "tree"
            ? "Posts shown as a conversation: each reply follows the post it answers."
            : "Posts shown in time order.";
      }
    }

    Object.keys(links).forEach(function (name) {
      links[name].addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        apply(name, true);
        let url = new URL(location.href);
        url.searchParams.set("view", name);
        history.replaceState(history.state, "", url.href);
      });
    });

    let initial = new URLSearchParams(location.search).get("view") === "tree" ? "tree" : "time";
    apply(initial, false);
    if (initial === "tree" && location.hash.length > 1) {
      let target = byId(doc, decode(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  /* ------------------------------------------------------------------ annotations ---- */

  function initAnnotations() {
    doc.querySelectorAll(CARD).forEach(function (card) {
      card.querySelectorAll(".rj-annotation").forEach(function (note) {
        let number = null;
        note.classList.forEach(function (name) {
          if (/^rj-ann-\d+$/.test(name)) number = name;
        });
        if (!number) return;
        let words = Array.prototype.filter.call(
          card.querySelectorAll(".rj-annotated." + number),
          function (span) {
            return !span.closest(".rj-annotation");
          }
        );
        if (!words.length) return;
        let post = card.id || (card.parentNode && card.parentNode.id) || "card";
        if (!note.id) note.id = uniqueId("rj-note-" + post + "-" + number.slice(7));
        note.tabIndex = -1;
        let group = words.concat([note]);
        function light(on) {
          group.forEach(function (node) {
            node.classList.toggle("rj-ann-active", on);
          });
        }
        group.forEach(function (node) {
          node.addEventListener("mouseenter", function () {
            light(true);
          });
          node.addEventListener("mouseleave", function () {
            if (!group.some(isFocusedWithin)) light(false);
          });
          node.addEventListener("focusin", function () {
            light(true);
          });
          node.addEventListener("focusout", function (event) {
            if (!group.some(contains(event.relatedTarget))) light(false);
          });
        });
        words.forEach(function (span) {
          // Words that hold a link are reached through it; other words become focusable.
          let inner = span.querySelectorAll("a[href]");
          if (inner.length) {
            inner.forEach(function (link) {
              addToken(link, "aria-describedby", note.id);
            });
            return;
          }
          span.tabIndex = 0;
          addToken(span, "aria-describedby", note.id);
          span.addEventListener("keydown", function (event) {
            if (event.key === "Enter") {
              event.preventDefault();
              note.focus();
            }
          });
        });
      });
    });
  }

  function addToken(node, name, token) {
    let tokens = (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
    if (tokens.indexOf(token) < 0) tokens.push(token);
    node.setAttribute(name, tokens.join(" "));
  }

  function removeToken(node, name, token) {
    let tokens = (node.getAttribute(name) || "").split(/\s+/).filter(function (item) {
      return item && item !== token;
    });
    if (tokens.length) node.setAttribute(name, tokens.join(" "));
    else node.removeAttribute(name);
  }

  function isFocusedWithin(node) {
    return node.contains(doc.activeElement);
  }

  function contains(target) {
    return function (node) {
      return target instanceof Node && node.contains(target);
    };
  }

  /* ------------------------------------------------------------------ previews ------- */

  const KEEP_ATTRIBUTES = ["class", "datetime", "title", "lang", "dir"];
  const DROP_ELEMENTS = new RegExp(
    "^(script|style|link|meta|iframe|object|embed|form|input|button|textarea|select|" +
      "template|details|video|audio|img|svg|math)$",
    "i"
  );
  const pages = new Map();
  let preview = null;
  let current = null; // the link whose preview is shown (or being prepared)
  let mode = "tooltip";
  let showTimer = 0;
  let hideTimer = 0;
  let lastTouch = 0;
  let tapWasOpen = false;

  function hrefOf(link) {
    return link.getAttribute("href") || link.getAttribute("xlink:href") || "";
  }

  function isCandidate(node) {
    return (
      node instanceof Element &&
      node.matches("a.reference.external[href], a.rj-xref[href], a.rj-map-node") &&
      !node.closest(".rj-preview, .rj-views")
    );
  }

  function linkAt(node) {
    let link = node instanceof Element ? node.closest("a") : null;
    return link && isCandidate(link) ? link : null;
  }

  function targetOf(link) {
    let href = hrefOf(link);
    if (href.indexOf("#") < 0) return null;
    let url;
    try {
      url = new URL(href, location.href);
    } catch (error) {
      return null;
    }
    let id = decode(url.hash.slice(1));
    if (!id) return null;
    let samePage = url.origin === location.origin && url.pathname === location.pathname;
    if (!samePage) {
      if (location.protocol === "file:" || url.origin !== location.origin) return null;
      if (!/\.html$/.test(url.pathname)) return null;
    } else {
      let here = byId(doc, id);
      if (!cardOf(here) || cardOf(here) === cardOf(link)) return null;
    }
    return { url: url, id: id, samePage: samePage };
  }

  function fetchPage(url) {
    let key = url.pathname;
    if (!pages.has(key)) {
      pages.set(
        key,
        fetch(key, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.text();
          })
          .then(function (text) {
            return new DOMParser().parseFromString(text, "text/html");
          })
          .catch(function () {
            return null;
          })
      );
    }
    return pages.get(key);
  }

  /* A copy of a node that keeps its text and classes only: no ids, no links, no handlers. */
  function safeCopy(node) {
    if (node.nodeType === Node.TEXT_NODE) return doc.createTextNode(node.nodeValue);
    if (node.nodeType !== Node.ELEMENT_NODE || DROP_ELEMENTS.test(node.localName)) return null;
    if (node.classList.contains("rj-thread-label") || node.classList.contains("headerlink")) {
      return null;
    }
    // A card's heading is a line of the preview, not a heading of the page.
    let tag = node.localName === "a" ? "span" : /^h[1-6]$/.test(node.localName) ? "p" : node.localName;
    if (!/^[a-z][a-z0-9]*$/.test(tag)) return null;
    let copy = doc.createElement(tag);
    KEEP_ATTRIBUTES.forEach(function (name) {
      if (node.hasAttribute(name)) copy.setAttribute(name, node.getAttribute(name));
    });
    if (node.localName === "a") copy.classList.add("rj-was-link");
    node.childNodes.forEach(function (child) {
      let childCopy = safeCopy(child);
      if (childCopy) copy.appendChild(childCopy);
    });
    return copy;
  }

  function previewContent(target) {
    let card = cardOf(target);
    if (!card) return null;
    let parts = [];
    let header = headerOf(card);
    if (header) parts.push(["rj-preview-header", header]);
    if (target.classList.contains("rj-claim")) {
      let statement = target.querySelector("p");
      if (statement) parts.push(["rj-preview-claim", statement]);
    } else {
      // A post the platform no longer shows: say so first (its text, if kept, follows);
      // a post of media alone: its list of media, alt texts included.
      let placeholder = card.querySelector(".rj-placeholder");
      if (placeholder) parts.push(["rj-preview-text", placeholder]);
      let text = card.querySelector(".rj-text") || card.querySelector(".rj-media");
      if (text) parts.push(["rj-preview-text", text]);
    }
    if (!parts.length) return null;
    let fragment = doc.createDocumentFragment();
    parts.forEach(function (part) {
      let copy = safeCopy(part[1]);
      if (!copy) return;
      let box = make("div", part[0]);
      box.appendChild(copy);
      fragment.appendChild(box);
    });
    return fragment;
  }

  function ensurePreview() {
    if (preview) return preview;
    preview = make("div", "rj-preview");
    preview.id = uniqueId("rj-preview");
    preview.hidden = true;
    preview.addEventListener("mouseenter", function () {
      clearTimeout(hideTimer);
    });
    preview.addEventListener("mouseleave", function () {
      if (mode === "tooltip") scheduleHide();
    });
    preview.addEventListener("focusout", function (event) {
      if (mode !== "tooltip" && !preview.contains(event.relatedTarget) && event.relatedTarget !== current) {
        hide();
      }
    });
    // Inside the main landmark, so that assistive technology finds it with the page's content.
    (doc.querySelector("main, [role=main]") || doc.body).appendChild(preview);
    return preview;
  }

  function place(link) {
    let box = link.getBoundingClientRect();
    let width = preview.offsetWidth;
    let height = preview.offsetHeight;
    let gap = 8;
    let left = Math.max(gap, Math.min(box.left, innerWidth - width - gap));
    let below = innerHeight - box.bottom;
    let top = below >= height + gap || below >= box.top ? box.bottom + gap : box.top - height - gap;
    preview.style.left = Math.round(left) + "px";
    preview.style.top = Math.round(Math.max(gap, top)) + "px";
  }

  function describe(link, on) {
    if (on && mode === "tooltip") addToken(link, "aria-describedby", preview.id);
    else if (preview) removeToken(link, "aria-describedby", preview.id);
    if (on && mode === "dialog") {
      link.setAttribute("aria-expanded", "true");
      link.setAttribute("aria-controls", preview.id);
    } else if (link.hasAttribute("aria-controls")) {
      link.setAttribute("aria-expanded", "false");
      link.removeAttribute("aria-controls");
    }
  }

  function show(link, how) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    let target = targetOf(link);
    if (!target) return;
    if (current && current !== link) hide();
    current = link;
    let source = target.samePage ? Promise.resolve(doc) : fetchPage(target.url);
    source.then(function (page) {
      if (current !== link) return;
      let node = page && byId(page, target.id);
      let content = node && previewContent(node);
      if (!content) {
        link.setAttribute("data-rj-no-preview", "");
        if (current === link) current = null;
        return;
      }
      ensurePreview();
      if (!preview.hidden && preview.dataset.for === target.url.href && mode === how) {
        return;
      }
      mode = how;
      preview.replaceChildren(content);
      preview.dataset.for = target.url.href;
      localTimes(preview);
      if (how === "dialog") {
        preview.setAttribute("role", "dialog");
        preview.setAttribute("aria-label", "Preview of the linked card");
        let actions = make("p", "rj-preview-actions");
        let open = make("a", "rj-preview-open", "Open");
        open.href = target.url.href;
        let close = make("button", "rj-preview-close", "Close");
        close.type = "button";
        close.addEventListener("click", function () {
          let from = current;
          hide();
          if (from) from.focus();
        });
        actions.append(open, " ", close);
        preview.appendChild(actions);
      } else {
        preview.setAttribute("role", "tooltip");
        preview.removeAttribute("aria-label");
      }
      preview.hidden = false;
      preview.querySelectorAll(".rj-preview-text").forEach(function (box) {
        box.classList.toggle("rj-preview-clipped", box.scrollHeight > box.clientHeight + 1);
      });
      place(link);
      describe(link, true);
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current) describe(current, false);
    current = null;
    if (preview) {
      preview.hidden = true;
      preview.replaceChildren();
      delete preview.dataset.for;
    }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function isOpenFor(link) {
    return Boolean(preview && !preview.hidden && current === link);
  }

  function initPreviews() {
    doc.addEventListener(
      "pointerdown",
      function (event) {
        let link = linkAt(event.target);
        if (event.pointerType === "touch" || event.pointerType === "pen") {
          lastTouch = Date.now();
          tapWasOpen = Boolean(link && isOpenFor(link) && mode === "dialog");
        }
        if (preview && !preview.hidden && !preview.contains(event.target) && link !== current) {
          hide();
        }
      },
      true
    );

    doc.addEventListener("mouseover", function (event) {
      if (Date.now() - lastTouch < 1000) return;
      let link = linkAt(event.target);
      if (link) {
        if (link === current) {
          clearTimeout(hideTimer);
          return;
        }
        if (!targetOf(link) || link.hasAttribute("data-rj-no-preview")) return;
        clearTimeout(showTimer);
        showTimer = setTimeout(function () {
          show(link, "tooltip");
        }, 200);
      }
    });

    doc.addEventListener("mouseout", function (event) {
      let link = linkAt(event.target);
      if (!link) return;
      if (link.contains(event.relatedTarget)) return;
      if (link !== current) {
        clearTimeout(showTimer);
        return;
      }
      if (mode === "tooltip" && !(preview && preview.contains(event.relatedTarget))) scheduleHide();
    });

    doc.addEventListener("focusin", function (event) {
      if (Date.now() - lastTouch < 1000) return;
      let link = linkAt(event.target);
      if (link && targetOf(link) && !link.hasAttribute("data-rj-no-preview")) {
        if (isOpenFor(link)) return;
        show(link, "tooltip");
      }
    });

    doc.addEventListener("focusout", function (event) {
      let link = linkAt(event.target);
      if (!link || link !== current || mode !== "tooltip") return;
      if (preview && preview.contains(event.relatedTarget)) return;
      hide();
    });

    doc.addEventListener("click", function (event) {
      let link = linkAt(event.target);
      if (!link) return;
      if (Date.now() - lastTouch > 1000) {
        hide(); // a mouse or keyboard click goes on to the target
        return;
      }
      if (tapWasOpen || !targetOf(link) || link.hasAttribute("data-rj-no-preview")) {
        hide();
        return;
      }
      event.preventDefault(); // first tap: preview; a second tap on the same link follows it
      show(link, "dialog");
    });

    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !preview || preview.hidden) return;
      let from = current;
      let inside = preview.contains(doc.activeElement);
      hide();
      if (inside && from) from.focus({ preventScroll: true });
    });

    function follow() {
      if (current && preview && !preview.hidden) place(current);
    }
    addEventListener("resize", follow);
    addEventListener("scroll", follow, { passive: true });
  }

  /* ------------------------------------------------------------------ scrolling regions */

  // A region that scrolls must be reachable by keyboard (WCAG 2.1.1; axe's
  // scrollable-region-focusable): a code block wider than the page gets tabindex=0 while it
  // scrolls and holds nothing focusable itself.
  const SCROLLABLE = "pre, .table-wrapper";
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function markScrollables() {
    doc.querySelectorAll(SCROLLABLE).forEach(function (region) {
      let ours = region.hasAttribute("data-rj-scroll-focus");
      if (!ours && region.hasAttribute("tabindex")) return;
      let scrolls =
        region.scrollWidth > region.clientWidth + 1 ||
        region.scrollHeight > region.clientHeight + 1;
      if (scrolls && !region.querySelector(FOCUSABLE)) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("data-rj-scroll-focus", "");
      } else if (ours) {
        region.removeAttribute("tabindex");
        region.removeAttribute("data-rj-scroll-focus");
      }
    });
  }

  // Printing: folded blocks (provenance, source notes, restatements) are printed open, then
  // folded again as the reader left them.
  function initPrinting() {
    let opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.from(doc.querySelectorAll("details:not([open])"));
      opened.forEach(function (details) { details.open = true; });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function initScrollables() {
    markScrollables();
    let pending = 0;
    addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(markScrollables, 150);
    });
  }

  /* ------------------------------------------------------------------ theme landmarks -- */

  // Landmarks for the theme's own furniture, so every part of the page belongs to a named
  // region: furo's two sidebars are unnamed <aside> elements and its "Back to top" link stands
  // outside every landmark.
  function labelTheme() {
    let navigation = doc.querySelector("aside.sidebar-drawer");
    if (navigation && !navigation.hasAttribute("aria-label")) {
      navigation.setAttribute("aria-label", "Site navigation");
    }
    let contents = doc.querySelector("aside.toc-drawer");
    if (contents && !contents.hasAttribute("aria-label")) {
      contents.setAttribute("aria-label", "On this page");
    }
    let backToTop = doc.querySelector(".back-to-top");
    let main = doc.querySelector("main, [role=main]");
    if (backToTop && main && !main.contains(backToTop)) {
      main.insertBefore(backToTop, main.firstChild);
    }
  }

  /* ------------------------------------------------------------- where you are --------- */

  // A debate page is kept out of the table of contents (thousands of them would make every
  // page's sidebar huge), so the theme never marks where it belongs: mark the debates index.
  function markSection() {
    if (!doc.querySelector(".rj-lede")) return;
    let index = new URL("index.html", location.href).href;
    let links = doc.querySelectorAll(".sidebar-tree a.reference");
    for (let i = 0; i < links.length; i++) {
      if (links[i].href.split("#")[0] !== index) continue;
      links[i].classList.add("current");
      links[i].setAttribute("aria-current", "location");
      let item = links[i].closest("li");
      if (item) item.classList.add("current");
      return;
    }
  }

  /* ------------------------------------------------------------------ start ------------ */

  const FEATURES = [
    ["theme landmarks", labelTheme],
    ["where you are", markSection],
    ["local times", function () {
      localTimes(doc);
    }],
    ["two orders", initViews],
    ["editors' notes", initAnnotations],
    ["previews", initPreviews],
    ["scrolling regions", initScrollables],
    ["printing", initPrinting],
  ];

  ready(function () {
    FEATURES.forEach(function (feature) {
      try {
        feature[1]();
      } catch (error) {
        if (typeof console !== "undefined") {
          console.error("rejoinder.js: " + feature[0] + " stopped:", error);
        }
      }
    });
    doc.documentElement.classList.add("rj-js");
  });
})();
