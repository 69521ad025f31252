"""The page around the sections: inline CSS and script, table of contents.

One self-contained file: no external fonts, styles, scripts or images, so it
opens offline and makes no request. The script only sorts and filters tables;
the PDF (which runs no script) shows the same content.
"""

from __future__ import annotations

from pipeline.report.html import Markup

CSS = """
:root{--ink:#1d2430;--muted:#5b6573;--line:#d9dee5;--accent:#3b6ea5;--bg:#fff}
*{box-sizing:border-box}
body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;color:var(--ink);background:var(--bg);margin:0}
main{max-width:1100px;margin:0 auto;padding:1rem 1.2rem 4rem}
h1{font-size:1.7rem;margin:.6rem 0 .2rem}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.4rem}
.sub{color:var(--muted);margin:0 0 1rem}
nav.toc{background:#f5f7fa;border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
nav.toc ol{margin:.2rem 0;padding-left:1.4rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}.card span{color:var(--muted);font-size:.85rem}
.tablewrap{margin:.5rem 0 1rem}
table.data{border-collapse:collapse;width:100%;font-size:.85rem}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
table.data th{background:#f5f7fa;overflow-wrap:normal;word-break:keep-all}
table.sortable th{cursor:pointer}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
input.filter{margin:.3rem 0;padding:.25rem .4rem;width:min(100%,22rem);font:inherit}
.note{color:var(--muted);font-size:.85rem}
svg.chart{max-width:100%;height:auto}
mark{background:#ffe58a}
ol.quotes{padding-left:1.4rem}ol.quotes li{margin:.5rem 0}
blockquote{margin:.2rem 0;padding:.3rem .6rem;border-left:3px solid var(--line);background:#fafbfc;white-space:pre-wrap}
li:target blockquote{border-left-color:#d4a000;background:#fff8d6}
a.cite{font-size:.8rem}
@media screen{.id-short{display:none}.tablewrap{overflow-x:auto}table.data td{overflow-wrap:anywhere}table.data th{position:sticky;top:0}}
@media screen and (max-width:640px){body{font-size:14px}main{padding:.6rem}}
@page{size:A4;margin:15mm 12mm 15mm 12mm;
  @top-center{content:string(doctitle);font-size:9pt;color:#5b6573}
  @bottom-right{content:"page " counter(page) " of " counter(pages);font-size:9pt;color:#5b6573}}
@media print{
  body{font-size:10pt;line-height:1.4}
  h1{string-set:doctitle content()}
  ol.quotes li{margin:.25rem 0;break-inside:avoid}ol.quotes .note{font-size:7.5pt}
  blockquote{font-size:8pt;line-height:1.35;padding:.1rem .45rem}
  input.filter{display:none}
  nav.toc a::after{content:leader('.') target-counter(attr(href),page)}
  h2{break-after:avoid}h3{break-after:avoid}
  .id-full{display:none}
  table.data{font-size:8pt}
  table.data td.text,table.data td.long{min-width:20ch}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  /* stacked rows: the short cells on one line, each after its header; running text beneath */
  table.stack,table.stack tbody,table.stack tr{display:block;width:100%}
  table.stack thead{display:none}
  table.stack tr{border-bottom:1px solid var(--line);padding:.2rem 0 .3rem}
  table.stack td,table.stack td.text,table.stack td.long{display:inline;min-width:0;border:0;padding:0 .8rem 0 0}
  table.stack td::before{content:attr(data-label) " ";color:var(--muted)}
  table.stack td:empty{display:none}
  table.stack td.long{display:block;padding:.1rem 0 0}
  table.stack td.long::before{content:none}
}
"""

SCRIPT = """
(function(){
  function key(td){var t=td.textContent.trim();var n=t.replace(/[,\\s]/g,'');
    return (n!==''&&!isNaN(n))?[0,parseFloat(n)]:[1,t.toLowerCase()];}
  document.querySelectorAll('table.sortable').forEach(function(tb){
    var body=tb.tBodies[0];if(!body)return;
    tb.querySelectorAll('th').forEach(function(th,i){
      th.addEventListener('click',function(){
        var asc=th.getAttribute('aria-sort')!=='ascending';
        tb.querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);
          var c=x[0]-y[0]||(x[1]<y[1]?-1:x[1]>y[1]?1:0);return asc?c:-c;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
    if(body.rows.length>8){
      var f=document.createElement('input');f.type='search';f.className='filter';
      f.placeholder='Filter this table';f.setAttribute('aria-label','Filter table');
      f.addEventListener('input',function(){var q=f.value.toLowerCase();
        Array.prototype.forEach.call(body.rows,function(r){
          r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});
      tb.parentNode.insertBefore(f,tb);
    }
  });
})();
"""


def render_page(title: str, subtitle: str, sections) -> str:
    """The whole page as text. Titles are escaped; a section's html is kept only if it is Markup."""
    toc = Markup("").join(Markup('<li><a href="#{id}">{title}</a></li>').format(id=s.id, title=s.title)
                          for s in sections)
    body = Markup("").join(
        Markup('<section id="{id}"><h2>{title}</h2>{html}</section>').format(id=s.id, title=s.title, html=s.html)
        for s in sections
    )
    body = str(body).replace("<table", '<div class="tablewrap"><table').replace("</table>", "</table></div>")
    return str(Markup(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        "<title>{title}</title><style>{css}</style></head><body><main>"
        "<h1>{title}</h1><p class=\"sub\">{subtitle}</p>"
        "<nav class=\"toc\" aria-label=\"Contents\"><b>Contents</b><ol>{toc}</ol></nav>"
        "{body}</main><script>{script}</script></body></html>\n"
    ).format(title=title, subtitle=subtitle, css=Markup(CSS), toc=toc, body=Markup(body),
             script=Markup(SCRIPT)))
