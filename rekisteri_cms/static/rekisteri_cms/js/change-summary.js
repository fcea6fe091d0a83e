// The change summary is asked for in the submit step: when an editor submits a
// notice for legal review with the summary still empty, a dialog asks for it and
// then submits the form with the same button. Without this script the field in the
// form is used, and the server refuses a submission without a summary.
(() => {
  const SUBMIT =
    "button[name='action-submit'], button[name='action-restart-workflow']";

  function ask(button, field, template) {
    const dialog = template.content.firstElementChild.cloneNode(true);
    const input = dialog.querySelector("textarea");
    input.value = field.value;
    dialog.querySelector("[data-cancel]").addEventListener("click", () => {
      dialog.close("");
    });
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "submit" && input.value.trim()) {
        field.value = input.value.trim();
        field.dispatchEvent(new Event("change", { bubbles: true }));
        button.form.requestSubmit(button);
      } else {
        button.focus();
      }
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  }

  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest(SUBMIT);
      if (!button || !button.form) return;
      const field = button.form.querySelector("[name='change_summary']");
      const template = document.getElementById("rekisteri-change-summary-dialog");
      if (!field || !template || field.value.trim()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      ask(button, field, template);
    },
    true,
  );
})();
