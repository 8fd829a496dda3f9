/*
 * The photo credit form: show the credit in house style while it is typed.
 *
 * A moment after the editor stops typing, the desk is asked (GET, the
 * credit admin's preview/ address) how the line would be split, shown and
 * matched; the answer replaces the "shown to readers as" line. The parts
 * follow the line, as the form decides on save, while the line is new or
 * changed and the three parts are as stored.
 */
"use strict";

// The admin loads a form's scripts in the head, before the form exists.
document.addEventListener("DOMContentLoaded", function () {
  const WAIT_MS = 250;
  const PARTS = ["creator", "agency", "distributor"];
  const preview = document.querySelector(".credit-preview[data-url]");
  const form = preview && preview.closest("form");
  const line = form && form.elements.namedItem("text");
  if (!line) {
    return; // A read-only credit: nothing is typed here.
  }
  const parts = PARTS.map((name) => form.elements.namedItem(name));
  const stored = JSON.parse(preview.dataset.stored || "{}");
  let timer = 0;
  let pending = null;

  const changed = (input) =>
    input !== null && input.value.trim() !== (stored[input.name] || "").trim();

  function question() {
    const params = new URLSearchParams({
      text: line.value,
      credit: preview.dataset.credit,
    });
    const lineIsNew = !preview.dataset.credit || changed(line);
    if (!lineIsNew || parts.some(changed)) {
      params.set("parts", "typed");
      for (const input of parts) {
        if (input !== null) {
          params.set(input.name, input.value);
        }
      }
    }
    return params;
  }

  function say(...nodes) {
    preview.replaceChildren(...nodes);
  }

  function text(tag, className, content) {
    const node = document.createElement(tag);
    node.className = className;
    node.textContent = content;
    return node;
  }

  function describe(answer) {
    const named = PARTS.filter((name) => answer.parts[name]).map(
      (name) => `${name}: ${answer.parts[name]}`,
    );
    if (answer.verbatim) {
      // Only the creator, agency and distributor shapes are rewritten; any
      // parts of another line count in the licence report, never on the page.
      if (!named.length) {
        return " (shown as written: the line fits no credit pattern)";
      }
      return ` (shown as written, every word kept; for the licence report: ${named.join(", ")})`;
    }
    if (!answer.from_line) {
      return " (from the parts as you typed them)";
    }
    return ` (split from the line: ${named.join(", ")})`;
  }

  function show(answer) {
    if (answer.problem) {
      const nodes = [text("span", "credit-problem", answer.problem)];
      if (answer.known) {
        const link = text("a", "credit-known", `Open “${answer.known.shown_as}”`);
        link.href = answer.known.url;
        nodes.push(" ", link);
      }
      say(...nodes);
      return;
    }
    say(
      text("strong", "credit-shown", answer.shown_as),
      text("span", "credit-note", describe(answer)),
    );
  }

  async function ask() {
    if (!line.value.trim()) {
      say("Type the credit line to see it here.");
      return;
    }
    if (pending !== null) {
      pending.abort(); // Only the answer to the latest text is shown.
    }
    pending = new AbortController();
    const url = `${preview.dataset.url}?${question()}`;
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: pending.signal,
      });
      if (!response.ok) {
        say(text("span", "credit-problem", "The preview is not available."));
        return;
      }
      show(await response.json());
    } catch (error) {
      if (error.name !== "AbortError") {
        say(text("span", "credit-problem", "The preview is not available."));
      }
    }
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, WAIT_MS);
  }

  for (const input of [line, ...parts]) {
    if (input !== null) {
      input.addEventListener("input", later);
    }
  }
  if (changed(line) || parts.some(changed)) {
    ask(); // A form sent back with an error shows what was typed, not what is stored.
  }
});
