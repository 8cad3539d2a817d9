// flowsite preview: live reload. Served pages only; `flowsite build` never
// writes this script. It listens to the preview's server-sent events on a
// URL relative to the page, so it works under the site's base path and
// through a proxy, and EventSource reconnects by itself.
(() => {
  const me = document.currentScript;
  const root = new URL(me.dataset.root, location.href);
  const page = me.dataset.page; // this page's address inside the site, or "*"
  let build = me.dataset.build;
  const overlay = document.getElementById("flowsite-overlay");

  // Where an address of this page points, as an address inside the site.
  const inSite = (address) => {
    const url = new URL(address, location.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    return decodeURI(url.pathname.slice(root.pathname.length));
  };

  // What the page uses: its stylesheets, images, scripts and embeds (not
  // the pages it links to).
  const used = () => {
    const found = [];
    const take = (element, attribute) => {
      const value = element.getAttribute(attribute);
      const path = value && inSite(value);
      if (path !== null && path !== undefined) found.push({ element, attribute, path });
    };
    document.querySelectorAll("link[href]").forEach((e) => take(e, "href"));
    document.querySelectorAll("img[src], script[src], source[src], iframe[src], video[src], audio[src]")
      .forEach((e) => take(e, "src"));
    document.querySelectorAll("object[data]").forEach((e) => take(e, "data"));
    return found;
  };

  const showProblems = (problems) => {
    if (!overlay) return;
    const list = overlay.querySelector("ol");
    list.replaceChildren(...problems.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
    overlay.hidden = problems.length === 0;
  };

  const events = new EventSource(new URL("__flowsite/events", root));

  // On every (re)connection: a tab that missed a build while disconnected
  // reloads; otherwise it shows the problems of the current state.
  events.addEventListener("hello", (event) => {
    const state = JSON.parse(event.data);
    if (state.build !== build) return location.reload();
    showProblems(state.problems);
  });

  events.addEventListener("failed", (event) => {
    showProblems(JSON.parse(event.data).problems);
  });

  events.addEventListener("build", (event) => {
    const done = JSON.parse(event.data);
    const changed = new Set(done.changed);
    showProblems([]);
    if (page === "*" || changed.has(page)) return location.reload();
    let reload = false;
    for (const { element, attribute, path } of used()) {
      if (!changed.has(path)) continue;
      if (element.matches("link[rel~=stylesheet]")) {
        // A stylesheet is swapped in place: no reload, no lost scroll.
        const url = new URL(element.getAttribute(attribute), location.href);
        url.searchParams.set("flowsite", done.build);
        element.setAttribute(attribute, url.pathname + url.search);
      } else {
        reload = true;
      }
    }
    if (reload) return location.reload();
    build = done.build;
  });
})();
