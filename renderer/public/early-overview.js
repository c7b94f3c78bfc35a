/* global window, location */
/*
 * The Overview's first request, sent while the window's code is still loading: a classic script the page runs
 * as soon as it is parsed, so the engine reads the month while the browser fetches, compiles and starts the
 * app. The app's first identical call takes this answer instead of asking again
 * (renderer/src/client/early.ts); no other screen asks it. Once answered, the answer is also kept as `result`,
 * so an Overview first drawn after it arrived draws its figures in that first frame.
 *
 * Then, on any screen, the page's first number and date formats: the first use of Intl in a page sets up ICU
 * (30-50 ms of the main thread), done here while the app's code is still arriving and compiling rather than
 * inside the app's start (FormatJS's set-up, the first figures).
 */
(function () {
  var path = location.hash.replace(/^#\/?/, '').split('?')[0];
  if (path === '' || path === 'overview') askOverview();
  warmIntl();

  function warmIntl() {
    try {
      var tags = navigator.languages && navigator.languages.length ? navigator.languages.slice(0, 2).concat('en') : ['en'];
      Intl.NumberFormat.supportedLocalesOf(tags);
      Intl.DateTimeFormat.supportedLocalesOf(tags);
      new Intl.NumberFormat(tags).format(1234.5);
      new Intl.DateTimeFormat(tags).format(0);
      new Intl.PluralRules(tags).select(1);
    } catch {
      // Only a head start: the app formats as usual without it.
    }
  }

  function askOverview() {
    var input = '{"quick":true}';
    var bridge = window.tokenLedger;
    var answer;
    if (bridge) {
      answer = bridge.invoke('report.overview', JSON.parse(input));
    } else {
      var token = new URLSearchParams(location.search).get('token');
      if (!token) return;
      answer = fetch(location.origin + '/api/report.overview', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-token-ledger-token': token },
        body: input,
      }).then(function (res) {
        return res.json();
      });
    }
    var early = { method: 'report.overview', input: input, answer: answer };
    // Unclaimed or failed, it is asked again the usual way.
    answer.then(
      function (result) {
        early.result = result;
      },
      function () {},
    );
    window.__tokenLedgerEarly = early;
  }
})();
