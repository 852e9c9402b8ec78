/* Rejoinder: reading aids for debate pages.
 *
 * Every page is complete without this script: the cards are in time order, times are in UTC,
 * links go to the cards they name and the editors' notes follow the posts. The script only adds:
 *   - two orders for the cards of a debate page (reply tree / timeline), switched in place;
 *   - the reader's local time beside each UTC time;
 *   - previews of the card a link points to (hover, keyboard focus or a first tap);
 *   - the link between an editor's note and the words it is about.
 * Content from other pages is our own generated HTML; it is still copied node by node through
 * a whitelist (no innerHTML, no ids, no links, no scripts).
 */
(function () {
  "use strict";

  var doc = document;
  var CARD = ".rejoinder-card";

  function ready(fn) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function make(tag, className, text) {
    var node = doc.createElement(tag);
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

  function cardOf(node) {
    return node && node.closest ? node.closest(CARD) : null;
  }

  function uniqueId(base) {
    var id = base;
    for (var i = 2; doc.getElementById(id); i++) id = base + "-" + i;
    return id;
  }

  /* ------------------------------------------------------------------ local times ---- */

  function localTimes(root) {
    var times = root.querySelectorAll("time.rj-time[datetime]");
    for (var i = 0; i < times.length; i++) addLocalTime(times[i]);
  }

  function sameUtcDay(date) {
    return (
      date.getFullYear() === date.getUTCFullYear() &&
      date.getMonth() === date.getUTCMonth() &&
      date.getDate() === date.getUTCDate()
    );
  }

  function addLocalTime(time) {
    var next = time.nextElementSibling;
    if (next && next.classList.contains("rj-local-time")) return;
    var date = new Date(time.getAttribute("datetime"));
    if (isNaN(date.getTime()) || typeof Intl === "undefined") return;
    if (date.getTimezoneOffset() === 0) return; // the reader's time is UTC: nothing to add
    var parts = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
    if (!sameUtcDay(date)) {
      parts.month = "short";
      parts.day = "numeric";
    }
    var label;
    var full;
    try {
      label = new Intl.DateTimeFormat(undefined, parts).format(date);
      full = new Intl.DateTimeFormat(undefined, {
        dateStyle: "full",
        timeStyle: "long",
      }).format(date);
    } catch (error) {
      return;
    }
    var span = make("span", "rj-local-time", "(" + label + ", your time)");
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

  function cardTime(card) {
    var time = card.querySelector(".sd-card-header time.rj-time[datetime]");
    if (!time) return null;
    var value = Date.parse(time.getAttribute("datetime"));
    return isNaN(value) ? null : value;
  }

  function linkedCard(card, selector, cards) {
    var links = card.querySelectorAll(selector);
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      if (href.charAt(0) !== "#" || href.length < 2) continue;
      var target = cardOf(byId(doc, decode(href.slice(1))));
      if (target && target !== card && cards.indexOf(target) >= 0) return target;
    }
    return null;
  }

  function initViews() {
    var bar = doc.querySelector(".rj-views");
    if (!bar) return;
    var cards = Array.prototype.slice.call(doc.querySelectorAll(CARD + ".rj-post"));
    if (!cards.length) return;
    var links = {};
    bar.querySelectorAll("a[href]").forEach(function (link) {
      var view = viewOfLink(link);
      if (view === "tree" || view === "time") links[view] = link;
    });
    if (!links.tree || !links.time) return;

    // Timeline: by time, then document order (a card without a time keeps its neighbour's).
    var last = -Infinity;
    var keys = cards.map(function (card, index) {
      var time = cardTime(card);
      if (time !== null) last = time;
      return { card: card, time: time === null ? last : time, index: index };
    });
    keys.sort(function (a, b) {
      return a.time - b.time || a.index - b.index;
    });
    var timeline = keys.map(function (key) {
      return key.card;
    });

    // Conversation: depth first along replies_to (else quotes), children in time order.
    var parent = new Map();
    var children = new Map();
    timeline.forEach(function (card) {
      children.set(card, []);
    });
    timeline.forEach(function (card) {
      var up =
        linkedCard(card, ".rj-links .rj-edge-replies-to a[href]", cards) ||
        linkedCard(card, ".rj-links .rj-edge-quotes a[href]", cards);
      if (up) {
        parent.set(card, up);
        children.get(up).push(card);
      }
    });
    var tree = [];
    var depth = new Map();
    var seen = new Set();
    function visit(card, level) {
      if (seen.has(card)) return;
      seen.add(card);
      depth.set(card, level);
      tree.push(card);
      children.get(card).forEach(function (child) {
        visit(child, level + 1);
      });
    }
    timeline.forEach(function (card) {
      if (!parent.has(card)) visit(card, 0);
    });
    timeline.forEach(function (card) {
      visit(card, 0); // cards in a cycle of replies: start a thread of their own
    });

    var container = cards[0].parentNode;
    var marker = doc.createComment("rejoinder cards");
    container.insertBefore(marker, cards[0]);
    var status = make("span", "rj-sr-only");
    status.setAttribute("role", "status");
    bar.appendChild(status);

    function authorOf(card) {
      var author = card.querySelector(".sd-card-header .rj-author");
      var handle = card.querySelector(".sd-card-header .rj-handle");
      var text = (author && author.textContent.trim()) || (handle && handle.textContent.trim());
      return text || "unknown author";
    }

    function threadLabel(card, on) {
      var header =
        card.querySelector(".sd-card-header .sd-card-text") ||
        card.querySelector(".sd-card-header");
      var label = card.querySelector(".rj-thread-label");
      if (!on) {
        if (label) label.remove();
        return;
      }
      var level = depth.get(card) || 0;
      var text =
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
      var order = view === "tree" ? tree : timeline;
      var focused = doc.activeElement;
      var fragment = doc.createDocumentFragment();
      order.forEach(function (card) {
        fragment.appendChild(card);
        var level = view === "tree" ? depth.get(card) || 0 : 0;
        card.style.setProperty("--rj-depth", String(Math.min(level, 6)));
        card.setAttribute("data-rj-depth", String(level));
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
        var url = new URL(location.href);
        url.searchParams.set("view", name);
        history.replaceState(history.state, "", url.href);
      });
    });

    var initial = new URLSearchParams(location.search).get("view") === "tree" ? "tree" : "time";
    apply(initial, false);
    if (initial === "tree" && location.hash.length > 1) {
      var target = byId(doc, decode(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  /* ------------------------------------------------------------------ annotations ---- */

  function initAnnotations() {
    doc.querySelectorAll(CARD).forEach(function (card) {
      card.querySelectorAll(".rj-annotation").forEach(function (note) {
        var number = null;
        note.classList.forEach(function (name) {
          if (/^rj-ann-\d+$/.test(name)) number = name;
        });
        if (!number) return;
        var words = Array.prototype.filter.call(
          card.querySelectorAll(".rj-annotated." + number),
          function (span) {
            return !span.closest(".rj-annotation");
          }
        );
        if (!words.length) return;
        if (!note.id) note.id = uniqueId("rj-note-" + (card.id || "card") + "-" + number.slice(7));
        note.tabIndex = -1;
        var group = words.concat([note]);
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
          var inner = span.querySelectorAll("a[href]");
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
    var tokens = (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
    if (tokens.indexOf(token) < 0) tokens.push(token);
    node.setAttribute(name, tokens.join(" "));
  }

  function removeToken(node, name, token) {
    var tokens = (node.getAttribute(name) || "").split(/\s+/).filter(function (item) {
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

  var KEEP_ATTRIBUTES = ["class", "datetime", "title", "lang", "dir"];
  var DROP_ELEMENTS = new RegExp(
    "^(script|style|link|meta|iframe|object|embed|form|input|button|textarea|select|" +
      "template|details|video|audio|img|svg|math)$",
    "i"
  );
  var pages = new Map();
  var preview = null;
  var current = null; // the link whose preview is shown (or being prepared)
  var mode = "tooltip";
  var showTimer = 0;
  var hideTimer = 0;
  var lastTouch = 0;
  var tapWasOpen = false;

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
    var link = node instanceof Element ? node.closest("a") : null;
    return link && isCandidate(link) ? link : null;
  }

  function targetOf(link) {
    var href = hrefOf(link);
    if (href.indexOf("#") < 0) return null;
    var url;
    try {
      url = new URL(href, location.href);
    } catch (error) {
      return null;
    }
    var id = decode(url.hash.slice(1));
    if (!id) return null;
    var samePage = url.origin === location.origin && url.pathname === location.pathname;
    if (!samePage) {
      if (location.protocol === "file:" || url.origin !== location.origin) return null;
      if (!/\.html$/.test(url.pathname)) return null;
    } else {
      var here = byId(doc, id);
      if (!cardOf(here) || cardOf(here) === cardOf(link)) return null;
    }
    return { url: url, id: id, samePage: samePage };
  }

  function fetchPage(url) {
    var key = url.pathname;
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
    if (node.classList.contains("rj-thread-label")) return null;
    var tag = node.localName === "a" ? "span" : node.localName;
    if (!/^[a-z][a-z0-9]*$/.test(tag)) return null;
    var copy = doc.createElement(tag);
    KEEP_ATTRIBUTES.forEach(function (name) {
      if (node.hasAttribute(name)) copy.setAttribute(name, node.getAttribute(name));
    });
    if (node.localName === "a") copy.classList.add("rj-was-link");
    node.childNodes.forEach(function (child) {
      var childCopy = safeCopy(child);
      if (childCopy) copy.appendChild(childCopy);
    });
    return copy;
  }

  function previewContent(target) {
    var card = cardOf(target);
    if (!card) return null;
    var parts = [];
    var header = card.querySelector(".sd-card-header");
    if (header) parts.push(["rj-preview-header", header]);
    if (target.classList.contains("rj-claim")) {
      var statement = target.querySelector("p");
      if (statement) parts.push(["rj-preview-claim", statement]);
    } else {
      var text = card.querySelector(".rj-text");
      if (text) parts.push(["rj-preview-text", text]);
    }
    if (!parts.length) return null;
    var fragment = doc.createDocumentFragment();
    parts.forEach(function (part) {
      var copy = safeCopy(part[1]);
      if (!copy) return;
      var box = make("div", part[0]);
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
    var box = link.getBoundingClientRect();
    var width = preview.offsetWidth;
    var height = preview.offsetHeight;
    var gap = 8;
    var left = Math.max(gap, Math.min(box.left, innerWidth - width - gap));
    var below = innerHeight - box.bottom;
    var top = below >= height + gap || below >= box.top ? box.bottom + gap : box.top - height - gap;
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
    var target = targetOf(link);
    if (!target) return;
    if (current && current !== link) hide();
    current = link;
    var source = target.samePage ? Promise.resolve(doc) : fetchPage(target.url);
    source.then(function (page) {
      if (current !== link) return;
      var node = page && byId(page, target.id);
      var content = node && previewContent(node);
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
        var actions = make("p", "rj-preview-actions");
        var open = make("a", "rj-preview-open", "Open");
        open.href = target.url.href;
        var close = make("button", "rj-preview-close", "Close");
        close.type = "button";
        close.addEventListener("click", function () {
          var from = current;
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
        var link = linkAt(event.target);
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
      var link = linkAt(event.target);
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
      var link = linkAt(event.target);
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
      var link = linkAt(event.target);
      if (link && targetOf(link) && !link.hasAttribute("data-rj-no-preview")) {
        if (isOpenFor(link)) return;
        show(link, "tooltip");
      }
    });

    doc.addEventListener("focusout", function (event) {
      var link = linkAt(event.target);
      if (!link || link !== current || mode !== "tooltip") return;
      if (preview && preview.contains(event.relatedTarget)) return;
      hide();
    });

    doc.addEventListener("click", function (event) {
      var link = linkAt(event.target);
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
      var from = current;
      var inside = preview.contains(doc.activeElement);
      hide();
      if (inside && from) from.focus({ preventScroll: true });
    });

    function follow() {
      if (current && preview && !preview.hidden) place(current);
    }
    addEventListener("resize", follow);
    addEventListener("scroll", follow, { passive: true });
  }

  ready(function () {
    localTimes(doc);
    initViews();
    initAnnotations();
    initPreviews();
    doc.documentElement.classList.add("rj-js");
  });
})();

// Landmarks for the theme's own furniture, so every part of the page belongs to a named region:
// furo's two sidebars are unnamed <aside> elements and its "Back to top" link stands outside
// every landmark.
(function () {
  "use strict";
  function labelTheme() {
    var navigation = document.querySelector("aside.sidebar-drawer");
    if (navigation && !navigation.hasAttribute("aria-label")) {
      navigation.setAttribute("aria-label", "Site navigation");
    }
    var contents = document.querySelector("aside.toc-drawer");
    if (contents && !contents.hasAttribute("aria-label")) {
      contents.setAttribute("aria-label", "On this page");
    }
    var backToTop = document.querySelector(".back-to-top");
    var main = document.querySelector("main, [role=main]");
    if (backToTop && main && !main.contains(backToTop)) {
      main.insertBefore(backToTop, main.firstChild);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelTheme);
  } else {
    labelTheme();
  }
})();
