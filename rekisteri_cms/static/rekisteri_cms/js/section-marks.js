// Status marks on the notice editor's sections: each section (collapsed to one line
// when the form opens) shows beside its name whether the information items it
// answers are given, missing or not applicable, as of the last save. The marks
// come from the review panel (#rekisteri-section-marks), which the server renders.
(() => {
  const ID_INPUT = /^body-\d+-id$/;

  function mark() {
    const data = document.getElementById("rekisteri-section-marks");
    if (!data) return true;
    const marks = JSON.parse(data.textContent);
    const inputs = [...document.querySelectorAll("input[type='hidden'][name$='-id']")]
      .filter((input) => ID_INPUT.test(input.name));
    if (!inputs.length) return false; // the stream field is not drawn yet
    for (const input of inputs) {
      const found = marks[input.value];
      const child = input.closest("[data-streamfield-child]");
      const title = child && child.querySelector(".w-panel__header .c-sf-block__title");
      if (!found || !title || child.querySelector("[data-section-mark]")) continue;
      const badge = document.createElement("span");
      badge.className = `w-status rekisteri-mark rekisteri-mark--${found.status}`;
      badge.dataset.sectionMark = found.status;
      badge.textContent = found.label;
      // Before the summary text, which the heading cuts short when it is long.
      title.before(badge);
    }
    return true;
  }

  function start(attempts = 40) {
    if (!mark() && attempts > 0) setTimeout(() => start(attempts - 1), 100);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start());
  } else {
    start();
  }
})();
