"""The embed: the checker in a cross-origin iframe, with the site served from a sub-path (/kb/)."""

from __future__ import annotations

from urllib.parse import urlencode

from checker import api

from .conftest import wait_result

CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01", "on": "2024-03-10"}


def test_embed_works_in_a_cross_origin_iframe_under_a_sub_path(servers, page):
    src = servers["kb"] + "embed/due-dates/?" + urlencode(CASE)
    (servers["host_dir"] / "host.html").write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Intranet</title></head><body><h1>Our intranet</h1>
<iframe id="supervision-checker" title="Supervision due-date checker" src="{src}" style="width:100%;height:300px;border:0"></iframe>
<script>
window.heights = [];
window.addEventListener("message", function (event) {{
  var frame = document.getElementById("supervision-checker");
  if (event.source !== frame.contentWindow) return;
  if (event.data && event.data.type === "supervision-checker:height") {{
    window.heights.push(event.data.height); frame.style.height = event.data.height + "px";
  }}
}});
</script></body></html>""", encoding="utf-8")
    page.goto(servers["host"] + "host.html")
    frame = page.frame_locator("#supervision-checker")
    handle = page.wait_for_selector("#supervision-checker").content_frame()
    got = wait_result(handle)
    out = api.call("due", dict(CASE))["ok"]
    assert got == {"status": out["status"], "next_due": out["next_due"]}
    # No site chrome in the embed.
    assert handle.query_selector(".md-header") is None and handle.query_selector(".md-footer") is None
    # Citations point into the sub-path.
    hrefs = handle.eval_on_selector_all("[data-result] .hb-cites a", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(servers["kb"] + "policies/") for h in hrefs)
    # The frame told the host its height, and the host sized it to fit the answer.
    page.wait_for_function("window.heights.length > 0 && Math.max(...window.heights) > 600")
    assert frame.locator("[data-result]").is_visible()
