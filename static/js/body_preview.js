// Show the article body beside its textarea as readers will see it, rendered
// by the server's own renderer (articles/admin/body_preview.py) a moment
// after the editor stops typing.
"use strict";
// The admin loads form media in the head: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  const textarea = document.querySelector("textarea[data-preview-url]");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!textarea || !token) {
    return;
  }
  const WAIT_MS = 300;

  const editor = document.createElement("div");
  editor.className = "body-editor";
  textarea.parentNode.insertBefore(editor, textarea);
  editor.appendChild(textarea);
  const pane = document.createElement("section");
  pane.className = "body-preview";
  pane.setAttribute("aria-label", "Preview of the body");
  const heading = document.createElement("p");
  heading.className = "body-preview-heading";
  heading.textContent = "Preview";
  const status = document.createElement("p");
  status.className = "body-preview-status";
  status.setAttribute("role", "status");
  const content = document.createElement("div");
  content.className = "body-preview-content";
  pane.append(heading, status, content);
  editor.appendChild(pane);

  let timer = null;
  let pending = null;
  let sent = 0;

  async function render() {
    const number = ++sent;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token.value);
    body.append("body", textarea.value);
    if (textarea.dataset.article) {
      body.append("article", textarea.dataset.article);
    }
    pane.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(textarea.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        signal: pending.signal,
      });
      const data = await response.json();
      if (number !== sent) {
        return;
      }
      if (!response.ok) {
        status.textContent = data.error || "The preview is not available.";
        return;
      }
      // The server's renderer escapes everything it is given: this HTML is
      // its own markup around the editor's text.
      content.innerHTML = data.html;
      for (const link of content.querySelectorAll("a[href]")) {
        // Following a link must not leave the form and its unsaved text.
        link.target = "_blank";
        link.rel = "noopener";
      }
      status.textContent = data.problems.join(" ");
    } catch (error) {
      if (error.name !== "AbortError" && number === sent) {
        status.textContent = "The preview is not available right now.";
      }
    } finally {
      if (number === sent) {
        pane.removeAttribute("aria-busy");
      }
    }
  }

  textarea.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(render, WAIT_MS);
  });
  render();
});
