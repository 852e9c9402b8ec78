/* Rejoinder: the search page, on Pagefind's JavaScript API.
 *
 * The index is the folder _pagefind beside _static, written after the HTML build
 * (rejoinder/sphinx/search.py). A result is a page; under it come the parts of the page the words
 * were found in: Pagefind splits a page at headings that carry an id, and each post's card sits
 * under such a heading, so those links open the page at the card.
 *
 * The query comes from ?q= (the theme's search box sends it here) or from the form; the address
 * follows what is searched, so a search can be shared and the back button returns to it.
 * Titles and excerpts are written as text (excerpts rebuilt from the page's words, the matches
 * in <mark>): nothing from the index becomes markup.
 */
"use strict";

const PAGES_AT_A_TIME = 10;
const PARTS_PER_PAGE = 5;
const EXCERPT_WORDS = 30;
const doc = document;
// This file is <root>/_static/rejoinder-search.js; the index is <root>/_pagefind/.
const siteRoot = new URL("../", import.meta.url);
const bundle = new URL("_pagefind/pagefind.js", siteRoot);

const form = doc.querySelector(".rj-search-form");
const input = doc.getElementById("rj-search-query");
const status = doc.querySelector(".rj-search-status");
const list = doc.querySelector(".rj-search-results");
const more = doc.querySelector(".rj-search-more");

let pagefind = null;
let pending = [];
let searchNumber = 0;

async function engine() {
  if (pagefind === null) {
    const loaded = await import(bundle.href);
    // Result addresses are written from the site's root, wherever the site is served. A
    // debate page is long and holds the words themselves; the listings that repeat them are
    // short: page length counts for little, or the listings would come first.
    await loaded.options({
      baseUrl: siteRoot.pathname,
      ranking: { pageLength: 0.1 },
    });
    loaded.init();
    pagefind = loaded;
  }
  return pagefind;
}

async function run(query) {
  const number = ++searchNumber;
  const words = query.trim();
  list.replaceChildren();
  more.hidden = true;
  pending = [];
  if (!words) {
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  try {
    const found = await (await engine()).search(words);
    if (number !== searchNumber) return; // a newer search has started
    pending = found.results;
    const count = pending.length;
    await showMore(number);
    if (number !== searchNumber) return;
    // Said once the first results are on the page, for screen readers and for tests alike.
    status.textContent =
      count === 0
        ? `Nothing found for “${words}”.`
        : `${count} ${count === 1 ? "page" : "pages"} found for “${words}”.`;
  } catch (error) {
    console.error("rejoinder search:", error);
    if (number === searchNumber) status.textContent = "The search index could not be read.";
  }
}

async function showMore(number) {
  const batch = pending.splice(0, PAGES_AT_A_TIME);
  const pages = await Promise.all(batch.map((result) => result.data()));
  if (number !== searchNumber) return;
  for (const page of pages) list.append(resultItem(page));
  more.hidden = pending.length === 0;
}

function resultItem(page) {
  const item = doc.createElement("li");
  item.className = "rj-search-result";
  const heading = doc.createElement("p");
  heading.className = "rj-search-page";
  heading.append(link(page.url, titleText(page.meta && page.meta.title, page.url)));
  item.append(heading);

  const text = pageWords(page);
  const bounds = headingLocations(page);
  const parts = bestParts(page.sub_results || []);
  const pageItself = parts.find((part) => !part.anchor);
  const anchored = parts.filter((part) => part.anchor);
  if (pageItself || !anchored.length) {
    const locations = (pageItself || page).locations || [];
    item.append(excerpt(text, locations, 0, bounds[0] ?? text.length));
  }
  if (anchored.length) {
    const sections = doc.createElement("ul");
    sections.className = "rj-search-parts";
    for (const part of anchored) {
      const start = part.anchor.location;
      const to = bounds.find((location) => location > start) ?? text.length;
      // The heading's words are the part's title already: the excerpt starts after them.
      const titleWords = (part.anchor.text || "").split(/\s+/).filter(Boolean).length;
      const from = Math.min(start + titleWords, to);
      const entry = doc.createElement("li");
      entry.append(
        link(part.url, titleText(part.title, part.url)),
        excerpt(text, part.locations || [], from, to),
      );
      sections.append(entry);
    }
    item.append(sections);
  }
  return item;
}

// The parts with the most matches, shown in page order.
function bestParts(parts) {
  const ranked = parts
    .map((part, position) => ({ part, position, hits: (part.locations || []).length }))
    .sort((a, b) => b.hits - a.hits || a.position - b.position)
    .slice(0, PARTS_PER_PAGE);
  return ranked.sort((a, b) => a.position - b.position).map((entry) => entry.part);
}

// Where the page's parts begin: the headings Pagefind splits a page at (those with an id and
// some text), as positions in the page's words.
function headingLocations(page) {
  return (page.anchors || [])
    .filter((anchor) => /^h\d$/i.test(anchor.element) && /\S/.test(anchor.text || ""))
    .map((anchor) => anchor.location)
    .sort((a, b) => a - b);
}

// The page's words as written, numbered as Pagefind numbers them (the matches' locations).
// Pagefind's own excerpts escape "<" and ">" but not "&", which cannot be read back exactly;
// they are rebuilt here from the text instead.
function pageWords(page) {
  const raw = page.raw_content || "";
  if (raw.includes("\u200B")) {
    // Languages written without spaces: words are delimited by zero-width spaces, which
    // Pagefind keeps only in its escaped copy.
    return raw.split("\u200B").map((word) => word.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  }
  return (page.content || "").split(/[\r\n\s]+/g);
}

// EXCERPT_WORDS words of [from, to) around the first match, the matched words in <mark>;
// text nodes only, so nothing in the page's words becomes markup.
function excerpt(words, locations, from, to) {
  const paragraph = doc.createElement("p");
  paragraph.className = "rj-search-excerpt";
  const inside = locations.filter((location) => location >= from && location < to);
  const first = inside.length ? Math.min(...inside) : from;
  let start = Math.max(from, first - Math.floor(EXCERPT_WORDS / 3));
  const end = Math.min(to, start + EXCERPT_WORDS);
  start = Math.max(from, Math.min(start, end - EXCERPT_WORDS));
  const marked = new Set(inside);
  if (start > from) paragraph.append("… ");
  for (let position = start; position < end; position++) {
    if (position > start) paragraph.append(" ");
    if (marked.has(position)) {
      const mark = doc.createElement("mark");
      mark.textContent = words[position];
      paragraph.append(mark);
    } else {
      paragraph.append(words[position] ?? "");
    }
  }
  if (end < to) paragraph.append(" …");
  return paragraph;
}

function link(url, text) {
  const anchor = doc.createElement("a");
  anchor.href = url;
  anchor.textContent = text;
  return anchor;
}

// Pagefind gives titles as the page's text: shown as text, never read as markup.
function titleText(title, url) {
  const text = typeof title === "string" ? title.trim() : "";
  return text || decodeURI(url);
}

function queryInAddress() {
  return new URLSearchParams(window.location.search).get("q") || "";
}

function start() {
  if (!form || !input || !status || !list || !more) return;
  const query = queryInAddress();
  input.value = query;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = new URL(window.location.href);
    address.search = "";
    if (input.value.trim()) address.searchParams.set("q", input.value.trim());
    window.history.pushState(null, "", address);
    run(input.value);
  });
  window.addEventListener("popstate", () => {
    input.value = queryInAddress();
    run(input.value);
  });
  more.addEventListener("click", () =>
    showMore(searchNumber).catch((error) => console.error("rejoinder search:", error)),
  );
  if (query) run(query);
  else input.focus();
}

start();
