// A folium map drawn straight into the app's page (a Streamlit component of the second kind: no frame, so no
// handshake to lose and no frame to size). Leaflet and our scripts are fetched once per page and retried when a
// request fails; the map is drawn into this element, removed when the element goes or its data changes, and a
// click on a place is sent back. The data is built by geo/maps/embed.py: map_parts().
const scripts = window.atlasMapScripts || (window.atlasMapScripts = {});
let drawn = 0;

function pause(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

function fetchScript(src, tries) {
  return new Promise(function (resolve, reject) {
    const tag = document.createElement("script");
    tag.src = src;
    tag.async = false;
    tag.onload = resolve;
    tag.onerror = function () { tag.remove(); reject(new Error(src)); };
    document.head.appendChild(tag);
  }).catch(function (error) {
    if (tries >= 5) { throw error; }
    return pause(400 * Math.pow(2, tries)).then(function () { return fetchScript(src, tries + 1); });
  });
}

function loadScript(src) {
  if (!scripts[src]) {
    scripts[src] = fetchScript(src, 0).catch(function (error) { delete scripts[src]; throw error; });
  }
  return scripts[src];
}

function loadStyle(href) {
  for (const link of document.querySelectorAll("link[data-atlas-map]")) {
    if (link.getAttribute("href") === href) { return; }
  }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.setAttribute("data-atlas-map", "");
  document.head.appendChild(link);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  // each drawing gets its own element id: the map of the previous data may still be on the page
  const id = "atlas_map_" + (drawn += 1);
  const rename = function (text) { return text.split(data.name).join(id); };
  const box = document.createElement("div");
  box.className = "atlas-map-box";
  box.setAttribute("data-atlas-map", "loading");
  box.innerHTML = rename(data.header) + rename(data.html);
  parentElement.appendChild(box);
  data.css.forEach(loadStyle);
  let map = null;
  let gone = false;
  // the page lays the map out, and changes its size when the sidebar or the window does: Leaflet follows
  const resized = new ResizeObserver(function () { if (map) { map.invalidateSize({animate: false}); } });
  Promise.all(data.js.map(loadScript))  // fetched side by side: none needs another to run
    .then(function () {
      if (gone) { return; }
      const hooks = {clicked: data.clickable ? function (place) { setTriggerValue("clicked", place); } : null};
      map = new Function("atlasMap", rename(data.script) + "\nreturn " + id + ";")(hooks);
      map.getContainer().atlasLeaflet = map;  // for whoever inspects the page: the map is no global
      box.setAttribute("data-atlas-map", "drawn");
      resized.observe(box);
    })
    .catch(function (error) {
      if (gone) { return; }
      box.setAttribute("data-atlas-map", "failed");
      const note = document.createElement("p");
      note.className = "atlas-map-failed";
      note.textContent = data.failed + " (" + error.message + ")";
      box.replaceChildren(note);
    });
  return function () {
    gone = true;
    resized.disconnect();
    if (map) { map.remove(); }
    box.remove();
  };
}
