/*
 * Wagtail's autosave and the editor's own submit buttons ("Publish", "Submit", "Save draft")
 * can cross on the way to the server, and the loser is refused with a 400 or makes a second
 * page:
 *  - an autosave due after the submission (it is sent half a second after the last edit) arrives
 *    after it: on the add form the slug is "already in use" by the page just created, on the
 *    edit form its revision is no longer the latest;
 *  - a submission sent while the first autosave of a new page is on its way goes to the add
 *    form's address, and creates the page a second time.
 * So, when the form is really being submitted: an autosave not yet sent is cancelled (Wagtail's
 * autosave controller reads `defaultPrevented` on its "w-autosave:save" event when the delayed
 * request falls due, and then sends nothing), and an autosave already sent is waited for, so
 * that the submission goes to the address (and revision) it answers with.
 */
(() => {
  const GIVE_UP_WAITING_MS = 20000;
  const submitting = new WeakSet();
  const unanswered = new WeakMap(); // form -> {event, sentAt} of its autosave not yet answered
  const heldBack = new WeakMap(); // form -> function that sends the submission held back

  function intervalOf(form) {
    return Number(form.dataset.wAutosaveIntervalValue || 500);
  }

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    if (submitting.has(form)) {
      event.preventDefault();
      return;
    }
    unanswered.set(form, { event, sentAt: performance.now() + intervalOf(form) });
  });

  for (const type of ["w-autosave:success", "w-autosave:error"]) {
    document.addEventListener(type, (event) => {
      unanswered.delete(event.target);
      heldBack.get(event.target)?.();
    });
  }

  // On window, so that it runs after every other handler and sees whether one cancelled it.
  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    const autosave = unanswered.get(form);
    const alreadySubmitting = submitting.has(form);
    submitting.add(form);
    if (alreadySubmitting || !autosave) return;
    if (performance.now() < autosave.sentAt) {
      autosave.event.preventDefault(); // its delay has not run out: it will not be sent now
      return;
    }
    event.preventDefault();
    const { submitter } = event;
    const send = () => {
      if (heldBack.get(form) !== send) return;
      heldBack.delete(form);
      // Wagtail disables the pressed button while it shows its progress, and a disabled
      // submitter would not be sent: its name and value go in a hidden field instead.
      if (submitter?.name) {
        const pressed = document.createElement("input");
        pressed.type = "hidden";
        pressed.name = submitter.name;
        pressed.value = submitter.value;
        form.append(pressed);
      }
      form.requestSubmit();
    };
    heldBack.set(form, send);
    // The editor's click is never lost, even if the autosave never answers.
    window.setTimeout(send, GIVE_UP_WAITING_MS);
  });
})();
