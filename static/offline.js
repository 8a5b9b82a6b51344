/* Keep the procedure sheets a citizen opens readable without a connection. */
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js");
}
