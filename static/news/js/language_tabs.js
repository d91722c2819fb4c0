/*
 * The admin's language tabs (news/panels.py):
 *  - each title fills only its own language's slug, with the server's transliteration table
 *    (news/transliteration.py, read from #news-language-config), while that slug was empty
 *    when the form opened and has not been edited by hand;
 *  - a slug typed by hand is normalised the same way when it loses focus;
 *  - each language tab is marked complete / partly filled / empty, on load and as staff type.
 */
(() => {
  "use strict";

  const configElement = document.getElementById("news-language-config");
  if (!configElement) return;
  const config = JSON.parse(configElement.textContent);
  const dropped = new RegExp(config.patterns.dropped, "g");
  const separators = new RegExp(config.patterns.separators, "g");

  function latin(text) {
    const mapped = Array.from((text || "").toLowerCase(), (char) =>
      Object.hasOwn(config.letters, char) ? config.letters[char] : char,
    ).join("");
    return mapped.normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function slugFromTitle(title) {
    let slug = latin(title).replace(dropped, "").replace(separators, "-");
    slug = slug.replace(/^-+|-+$/g, "");
    if (slug.length > config.maxLength) {
      const cut = slug.slice(0, config.maxLength + 1);
      const boundary = cut.lastIndexOf("-");
      slug = boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, config.maxLength);
    }
    return slug.replace(/^-+|-+$/g, "");
  }
  window.newsSlugFromTitle = slugFromTitle;

  function connectSlugs(form) {
    form.querySelectorAll("[data-news-title]").forEach((title) => {
      const code = title.dataset.newsTitle;
      const slug = form.querySelector(`[data-news-slug="${code}"]`);
      if (!slug) return;
      let synced = slug.value.trim() === "";
      title.addEventListener("input", () => {
        if (!synced) return;
        slug.value = slugFromTitle(title.value);
        slug.dispatchEvent(new Event("change", { bubbles: true }));
      });
      slug.addEventListener("input", () => {
        synced = slug.value.trim() === "";
      });
      slug.addEventListener("blur", () => {
        const normalised = slugFromTitle(slug.value);
        if (normalised !== slug.value) {
          slug.value = normalised;
          slug.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    });
  }

  function isFilled(section, code, field) {
    if (field === "body") {
      // A StreamField: filled with at least one block that is not deleted.
      return Array.from(section.querySelectorAll(`input[name^="body_${code}-"][name$="-deleted"]`))
        .some((input) => /^body_[a-z]+-\d+-deleted$/.test(input.name) && input.value !== "1");
    }
    const input = section.querySelector(`[name="${field}_${code}"]`);
    return Boolean(input?.value.trim());
  }

  function anythingFilled(section, code) {
    if (isFilled(section, code, "body")) return true;
    return Array.from(section.querySelectorAll("input[name], textarea[name]")).some(
      (input) =>
        input.type !== "hidden" && input.name.endsWith(`_${code}`) && input.value.trim() !== "",
    );
  }

  function stateOf(section, code) {
    const fields = config.completeFields.filter(
      (field) => field === "body"
        ? section.querySelector(`[id$="-body_${code}-section"]`)
        : section.querySelector(`[name="${field}_${code}"]`),
    );
    if (fields.length && fields.every((field) => isFilled(section, code, field))) {
      return "complete";
    }
    return anythingFilled(section, code) ? "partial" : "empty";
  }

  function connectTabs() {
    document.querySelectorAll("section.news-language-tab").forEach((section) => {
      const code = Array.from(section.classList)
        .map((name) => name.match(/^news-language-tab--([a-z]+)$/))
        .find(Boolean)?.[1];
      const label = document.getElementById(section.getAttribute("aria-labelledby"));
      if (!code || !label) return;
      const marker = document.createElement("span");
      marker.className = "news-language-state";
      label.append(" ", marker);
      const update = () => {
        const state = stateOf(section, code);
        marker.dataset.state = state;
        label.dataset.languageState = state;
        marker.textContent = config.states[state];
      };
      update();
      for (const type of ["input", "change", "click", "keyup"]) {
        section.addEventListener(type, () => window.requestAnimationFrame(update));
      }
      // Blocks added or removed in the StreamField.
      new MutationObserver(() => window.requestAnimationFrame(update)).observe(section, {
        childList: true,
        subtree: true,
      });
    });
  }

  function start() {
    document.querySelectorAll("form").forEach(connectSlugs);
    connectTabs();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
