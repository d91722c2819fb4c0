/*
 * Wagtail's autosave (the w-autosave controller of the page forms) keeps going when staff submit
 * the form ("Save draft", "Publish", "Submit to ..."): an autosave waiting for its delay, or on
 * its way, still posts the form. On the add form both then create the page: one of them is
 * refused ("This slug is already in use", a 400 for the autosave, a form error for the button)
 * and, when the autosave is first, it leaves a draft of its own beside the one staff see.
 *
 * So, when the form is submitted, autosave stops; an autosave that has not been sent yet is
 * cancelled (its cancelable "w-autosave:save" event is prevented, which Wagtail checks before
 * posting), and one on its way is waited for before the form is sent: by then Wagtail has
 * pointed the form at the page that autosave created.
 */
(() => {
  "use strict";

  function guard(form) {
    let lastSave = null;
    form.addEventListener("w-autosave:save", (event) => {
      lastSave = event;
    });
    form.addEventListener("submit", (event) => {
      const autosave = window.wagtail?.app?.getControllerForElementAndIdentifier(
        form,
        "w-autosave",
      );
      if (!autosave || !("submitPromise" in autosave)) return;
      autosave.activeValue = false;
      const pending = autosave.submitPromise;
      if (!pending) return;
      event.preventDefault();
      lastSave?.preventDefault();
      const submitter = event.submitter;
      pending.finally(() => {
        if (submitter?.name) {
          const action = document.createElement("input");
          action.type = "hidden";
          action.name = submitter.name;
          action.value = submitter.value;
          form.append(action);
        }
        // submit() sends the form without another "submit" event.
        form.submit();
      });
    });
  }

  function start() {
    document.querySelectorAll("form[data-edit-form]").forEach(guard);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
