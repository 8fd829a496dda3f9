// Tell the desk this change form is still open, and show who else has it
// open and whether the stored object changed since (articles/admin/presence.py).
"use strict";
// The admin loads form media in the head: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  const box = document.querySelector(".desk-presence[data-presence-url]");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!box || !token) {
    return;
  }
  const others = box.querySelector(".presence-others");
  const changed = box.querySelector(".presence-changed");

  function message(data) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token.value);
    body.append("fingerprint", box.dataset.fingerprint);
    body.append("opened", box.dataset.opened);
    for (const [name, value] of Object.entries(data)) {
      body.append(name, value);
    }
    return body;
  }

  async function beat() {
    try {
      const response = await fetch(box.dataset.presenceUrl, {
        method: "POST",
        body: message({}),
        credentials: "same-origin",
      });
      if (!response.ok) {
        return;
      }
      const data = await response.json();
      others.textContent = data.others;
      changed.textContent = data.changed
        ? `${data.changed} changed this since you opened it. Your work is ` +
          "safe: saving shows you what changed and keeps what you typed."
        : "";
      changed.hidden = !data.changed;
    } catch (error) {
      // Offline for a moment: the next beat tries again.
    }
  }

  // No goodbye when the page closes: one would reach the server after the
  // page is gone, when nothing waits for it; presence simply expires.
  window.setInterval(beat, Number(box.dataset.heartbeat) * 1000);
});
