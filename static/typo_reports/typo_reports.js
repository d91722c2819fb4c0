/* Report an error: select text in the article and press Ctrl+Enter (⌘+Enter on macOS), or tap
   the floating button on touch screens. Vanilla JS, loaded deferred, no inline script. The page
   HTML is the same for every reader (cacheable), so the form token is fetched when the dialog
   opens. Messages come from data attributes rendered in the page's language. */
(function () {
  "use strict";

  var root = document.querySelector("[data-typo-report]");
  var scope = document.querySelector("[data-typo-scope]");
  var dialog = root?.querySelector("[data-typo-dialog]");
  if (!root || !scope || !dialog || typeof dialog.showModal !== "function") {
    return; // the "Report an error" link (no-JS form) still works
  }

  var CONTEXT_LENGTH = 80;
  var maxLength = parseInt(root.dataset.maxLength, 10) || 300;
  var form = dialog.querySelector("[data-typo-form]");
  var contextBox = dialog.querySelector("[data-typo-context]");
  var dialogStatus = dialog.querySelector("[data-typo-dialog-status]");
  var pageStatus = root.querySelector("[data-typo-status]");
  var touchButton = root.querySelector("[data-typo-touch-button]");
  var isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  var isTouch = navigator.maxTouchPoints > 0 || window.matchMedia("(pointer: coarse)").matches;
  var tokenRequest = null;
  var lastFocus = null;
  var pendingSelection = null; // kept for the touch button: tapping may clear the selection

  if (isMac && root.dataset.macHint) {
    root.querySelector("[data-typo-hint]").textContent = root.dataset.macHint;
  }

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  var SENT_MESSAGE_MS = 2500; // long enough to read "Thank you" before the dialog closes
  var closeTimer = null;

  function announce(element, message, state) {
    // Empty first so that the same message is announced again.
    element.textContent = "";
    if (state) { element.dataset.state = state; } else { delete element.dataset.state; }
    // A newer message replaces one still waiting ("Sending…" when the answer came fast).
    window.clearTimeout(element.announceTimer);
    element.announceTimer = window.setTimeout(function () { element.textContent = message; }, 50);
  }

  /* The selection inside the article with some text around it, null when there is none or
     when it reaches outside the article. */
  function currentSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    if (!scope.contains(range.startContainer) || !scope.contains(range.endContainer)) {
      return null;
    }
    var fragment = normalise(selection.toString());
    if (!fragment) {
      return null;
    }
    var before = document.createRange();
    before.setStart(scope, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(scope, scope.childNodes.length);
    var textBefore = before.toString().replace(/\s+/g, " ");
    var textAfter = after.toString().replace(/\s+/g, " ");
    return {
      fragment: fragment,
      before: textBefore.slice(-CONTEXT_LENGTH).replace(/^\s+/, ""),
      after: textAfter.slice(0, CONTEXT_LENGTH).replace(/\s+$/, ""),
      rect: range.getBoundingClientRect()
    };
  }

  function fetchToken() {
    tokenRequest = fetch(root.dataset.tokenUrl, {
      cache: "no-store",
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("token " + response.status); }
      return response.json();
    }).then(function (data) {
      form.elements.token.value = data.token;
      return data.token;
    });
    return tokenRequest;
  }

  function showContext(selected) {
    contextBox.textContent = "";
    contextBox.appendChild(document.createTextNode("…" + selected.before));
    // Marked by more than colour: <mark> (underlined by the stylesheet), bold and brackets.
    var mark = document.createElement("mark");
    var strong = document.createElement("strong");
    strong.textContent = "[" + selected.fragment + "]";
    mark.appendChild(strong);
    contextBox.appendChild(mark);
    contextBox.appendChild(document.createTextNode(selected.after + "…"));
  }

  function openDialog(selected) {
    if (selected.fragment.length > maxLength) {
      announce(pageStatus, root.dataset.messageTooLong);
      return;
    }
    lastFocus = document.activeElement;
    form.reset();
    form.elements.fragment.value = selected.fragment;
    form.elements.context_before.value = selected.before;
    form.elements.context_after.value = selected.after;
    dialogStatus.textContent = "";
    delete dialogStatus.dataset.state;
    window.clearTimeout(closeTimer);
    form.querySelector("[type=submit]").disabled = false;
    showContext(selected);
    hideTouchButton();
    fetchToken().catch(function () { /* reported when sending */ });
    dialog.showModal();
    var checked = form.querySelector("input[name=kind]:checked");
    if (checked) { checked.focus(); }
  }

  function closeDialog() {
    if (dialog.open) { dialog.close(); }
  }

  dialog.addEventListener("close", function () {
    var target = lastFocus && document.contains(lastFocus) ? lastFocus : null;
    if (!target || target === document.body) {
      // Nothing had focus (the reader selected with the mouse): return to the article.
      if (!scope.hasAttribute("tabindex")) { scope.setAttribute("tabindex", "-1"); }
      target = scope;
    }
    target.focus({ preventScroll: true });
  });

  dialog.querySelector("[data-typo-cancel]").addEventListener("click", closeDialog);

  function errorText(data) {
    var messages = [];
    if (data?.errors) {
      Object.keys(data.errors).forEach(function (field) {
        messages = messages.concat(data.errors[field]);
      });
    }
    return messages.join(" ") || root.dataset.messageFailed;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var sendButton = form.querySelector("[type=submit]");
    sendButton.disabled = true;
    announce(dialogStatus, root.dataset.messageSending, "sending");
    var payload = {};
    new FormData(form).forEach(function (value, key) { payload[key] = value; });
    (tokenRequest || fetchToken()).catch(function () { return fetchToken(); })
      .then(function (token) {
        payload.token = token;
        return fetch(root.dataset.apiUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          body: JSON.stringify(payload)
        });
      })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (data) {
          if (response.status === 201) {
            // Said where the reader is looking, then the dialog closes; the page keeps a note.
            announce(dialogStatus, root.dataset.messageSent, "sent");
            closeTimer = window.setTimeout(function () {
              closeDialog();
              announce(pageStatus, root.dataset.messageSent);
            }, SENT_MESSAGE_MS);
          } else {
            sendButton.disabled = false;
            announce(dialogStatus, errorText(data), "error");
          }
        });
      })
      .catch(function () {
        sendButton.disabled = false;
        announce(dialogStatus, root.dataset.messageFailed, "error");
      });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(isMac ? event.metaKey : event.ctrlKey) || dialog.open) {
      return;
    }
    var selected = currentSelection();
    if (selected) {
      event.preventDefault();
      openDialog(selected);
    }
  });

  /* Touch screens: a floating button next to a selection inside the article. */
  function hideTouchButton() {
    touchButton.hidden = true;
  }

  if (isTouch) {
    document.addEventListener("selectionchange", function () {
      var selected = currentSelection();
      if (!selected || dialog.open) {
        if (!dialog.open && document.activeElement !== touchButton) { hideTouchButton(); }
        return;
      }
      pendingSelection = selected;
      touchButton.hidden = false;
      // Fixed to the viewport, just below the selection (or above it near the bottom).
      var viewportHeight = document.documentElement.clientHeight;
      var top = selected.rect.bottom + 12;
      if (top + touchButton.offsetHeight > viewportHeight - 8) {
        top = Math.max(8, selected.rect.top - touchButton.offsetHeight - 12);
      }
      var left = Math.max(8, Math.min(
        selected.rect.left,
        document.documentElement.clientWidth - touchButton.offsetWidth - 8
      ));
      touchButton.style.top = top + "px";
      touchButton.style.left = left + "px";
    });
    touchButton.addEventListener("click", function () {
      var selected = currentSelection() || pendingSelection;
      if (selected) { openDialog(selected); }
    });
  }
})();
