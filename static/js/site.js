/* Every public page: the low-vision switch, the copy-link button and the view counter.
   Deferred, no inline script. The page HTML is the same for every reader (cacheable); what
   differs per reader happens here. */
(() => {
  "use strict";

  /* Low vision ------------------------------------------------------------------------ */
  const COOKIE = "vision";
  const OPTIONS = ["size", "contrast", "spacing", "images"];

  function readChoice() {
    const match = document.cookie.match(/(?:^|;\s*)vision=([^;]*)/);
    const choice = {};
    if (!match) {
      return choice;
    }
    decodeURIComponent(match[1])
      .split("|")
      .forEach((part) => {
        const [name, value] = part.split(":");
        if (OPTIONS.includes(name) && value) {
          choice[name] = value;
        }
      });
    return choice;
  }

  function serialise(choice) {
    return OPTIONS.filter((name) => choice[name])
      .map((name) => `${name}:${choice[name]}`)
      .join("|");
  }

  function writeChoice(choice) {
    const value = serialise(choice);
    const secure = location.protocol === "https:" ? "; Secure" : "";
    const lifetime = value ? "31536000" : "0"; // a year, or delete it
    // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie too (the no-JS /vision/ links set it, the <noscript> /vision.css reads it), so it must be an ordinary cookie written before the next page loads; the Cookie Store API is asynchronous, absent on plain HTTP (not a secure context) and in older Firefox and Safari.
    document.cookie = `${COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${lifetime}; SameSite=Lax${secure}`;
  }

  function applyChoice(choice) {
    const value = serialise(choice);
    let link = document.getElementById("vision-css");
    if (!value) {
      if (link) {
        link.remove();
      }
    } else {
      const href = `${document.body.dataset.visionCss}?c=${encodeURIComponent(value)}`;
      if (!link) {
        link = document.createElement("link");
        link.rel = "stylesheet";
        link.id = "vision-css";
        document.head.appendChild(link);
      }
      if (link.getAttribute("href") !== href) {
        link.setAttribute("href", href);
      }
    }
    document.documentElement.dataset.vision = value;
    document.querySelectorAll("[data-vision-option]").forEach((anchor) => {
      const current = (choice[anchor.dataset.visionOption] || "") === anchor.dataset.visionValue;
      if (current) {
        anchor.setAttribute("aria-current", "true");
      } else {
        anchor.removeAttribute("aria-current");
      }
    });
  }

  applyChoice(readChoice());

  document.addEventListener("click", (event) => {
    const anchor = event.target.closest("[data-vision-option], [data-vision-reset]");
    if (!anchor) {
      return;
    }
    event.preventDefault();
    let choice = readChoice();
    if (anchor.hasAttribute("data-vision-reset")) {
      choice = {};
    } else if (anchor.dataset.visionValue) {
      choice[anchor.dataset.visionOption] = anchor.dataset.visionValue;
    } else {
      delete choice[anchor.dataset.visionOption];
    }
    writeChoice(choice);
    applyChoice(choice);
  });

  // Escape closes the open panel and gives focus back to its switch.
  document.addEventListener("keydown", (event) => {
    const panel = document.querySelector("details[data-vision][open]");
    if (event.key === "Escape" && panel) {
      panel.open = false;
      panel.querySelector("summary").focus();
    }
  });

  /* Copy the address of the page -------------------------------------------------------- */
  document.querySelectorAll("[data-copy-link]").forEach((button) => {
    const status = document.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", () => {
      const done = () => {
        if (status) {
          status.textContent = button.dataset.copied;
        }
      };
      if (navigator.clipboard?.writeText) {
        navigator.clipboard.writeText(button.dataset.url).then(done, () => {
          window.prompt(button.dataset.prompt, button.dataset.url);
        });
      } else {
        window.prompt(button.dataset.prompt, button.dataset.url);
      }
    });
  });

  /* View counter: one view per page per browser window (sessionStorage) ----------------- */
  const counter = document.querySelector("[data-views-url]");
  if (counter) {
    const key = `viewed:${counter.dataset.viewsUrl}`;
    let seen = false;
    try {
      seen = window.sessionStorage.getItem(key) === "1";
    } catch {
      seen = false;
    }
    fetch(counter.dataset.viewsUrl, {
      method: seen ? "GET" : "POST",
      credentials: "omit",
      headers: { Accept: "application/json" },
      keepalive: true,
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data) {
          return;
        }
        try {
          window.sessionStorage.setItem(key, "1");
        } catch {
          /* private mode: counted once more next time, the server dedupes */
        }
        const number = counter.querySelector("[data-views-number]");
        if (number && data.display) {
          number.textContent = data.display;
        }
      })
      .catch(() => {
        /* the rendered number stays */
      });
  }
})();
