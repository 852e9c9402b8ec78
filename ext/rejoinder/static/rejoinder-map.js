/* Rejoinder: the argument map, traced and reached with one tab stop.
 *
 * The map (an inline SVG drawn by rejoinder.argument_map) is whole without this script: every
 * box is a link to its card and every arc is drawn. The script only adds:
 *   - tracing: hovering or focusing a box shows its neighbourhood (its arcs and the boxes at
 *     their other ends), dimming the rest; the arcs name their ends in data-from / data-to;
 *   - one tab stop into the map (a roving tabindex): arrow keys move between boxes in the
 *     map's order, Home and End go to the first and last, Enter follows the link.
 * Each feature is started on its own, in a try/catch, so one failing leaves the other working.
 */
(function () {
  "use strict";

  const NODE = "a.rj-map-node";
  const TRACING = "rj-map-tracing";
  const LIT = "rj-map-lit";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function hrefOf(node) {
    return node.getAttribute("href");
  }

  /* Tracing: an index from each box's href to its arcs, built once per map. */
  const tracing = {
    start(svg) {
      const arcsAt = new Map();
      const boxes = new Map();
      for (const node of svg.querySelectorAll(NODE)) boxes.set(hrefOf(node), node);
      for (const arc of svg.querySelectorAll("[data-from]")) {
        for (const end of [arc.getAttribute("data-from"), arc.getAttribute("data-to")]) {
          if (!end) continue;
          if (!arcsAt.has(end)) arcsAt.set(end, []);
          arcsAt.get(end).push(arc);
        }
      }
      let lit = [];
      const clear = () => {
        for (const element of lit) element.classList.remove(LIT);
        lit = [];
        svg.classList.remove(TRACING);
      };
      const claimsOf = new Map();
      for (const claim of svg.querySelectorAll(NODE + "[data-post]")) {
        const post = claim.getAttribute("data-post");
        if (!claimsOf.has(post)) claimsOf.set(post, []);
        claimsOf.get(post).push(claim);
      }
      // A post is traced with its claims (what it argues is theirs); a claim with its post.
      const trace = (node) => {
        clear();
        const traced = [node, ...(claimsOf.get(hrefOf(node)) || [])];
        const post = boxes.get(node.getAttribute("data-post"));
        if (post) lit.push(post);
        for (const box of traced) {
          lit.push(box);
          for (const arc of arcsAt.get(hrefOf(box)) || []) {
            lit.push(arc);
            for (const end of [arc.getAttribute("data-from"), arc.getAttribute("data-to")]) {
              const other = end && boxes.get(end);
              if (other) lit.push(other);
            }
          }
        }
        for (const element of lit) element.classList.add(LIT);
        svg.classList.add(TRACING);
      };
      const focused = () => {
        const active = document.activeElement;
        return active && svg.contains(active) && active.matches(NODE) ? active : null;
      };
      svg.addEventListener("pointerover", (event) => {
        const node = event.target.closest && event.target.closest(NODE);
        if (node && svg.contains(node)) trace(node);
      });
      svg.addEventListener("pointerleave", () => {
        const node = focused();
        if (node) trace(node);
        else clear();
      });
      svg.addEventListener("focusin", (event) => {
        const node = event.target.closest && event.target.closest(NODE);
        if (node) trace(node);
      });
      svg.addEventListener("focusout", (event) => {
        if (!event.relatedTarget || !svg.contains(event.relatedTarget)) clear();
      });
    },
  };

  /* One tab stop: only the current box is in the tab order; arrows move the current box. */
  const roving = {
    start(svg) {
      const nodes = [...svg.querySelectorAll(NODE)];
      if (!nodes.length) return;
      const current = (node) => {
        for (const other of nodes) other.setAttribute("tabindex", other === node ? "0" : "-1");
      };
      current(nodes[0]);
      svg.addEventListener("focusin", (event) => {
        const node = event.target.closest && event.target.closest(NODE);
        if (node) current(node);
      });
      const moves = {
        ArrowDown: 1,
        ArrowRight: 1,
        ArrowUp: -1,
        ArrowLeft: -1,
        Home: -Infinity,
        End: Infinity,
      };
      svg.addEventListener("keydown", (event) => {
        if (!(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey) return;
        const node = event.target.closest && event.target.closest(NODE);
        if (!node) return;
        const step = moves[event.key];
        const wanted = Number.isFinite(step) ? nodes.indexOf(node) + step : step;
        const next = Math.max(0, Math.min(nodes.length - 1, wanted));
        event.preventDefault();
        current(nodes[next]);
        nodes[next].focus();
      });
    },
  };

  ready(() => {
    for (const svg of document.querySelectorAll("svg.rj-map-svg")) {
      for (const [name, feature] of Object.entries({ tracing, roving })) {
        try {
          feature.start(svg);
        } catch (error) {
          console.warn(`rejoinder-map: ${name} not started`, error);
        }
      }
    }
  });
})();
