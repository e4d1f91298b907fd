// Getting the plan out of the page: the calendar file as a download, the dates as text on
// the clipboard, and a word for browsers that are known not to hand files to a calendar.
// Nothing here leaves the device: the file is made from a Blob in this tab.

/**
 * Save `text` as a file named `filename` through a link with `download`: Safari on iPhone
 * then offers to add the events, desktop browsers save it. Returns the object URL, which
 * the caller revokes once the download has had time to start.
 */
export function downloadFile(text, filename, mediaType) {
  const blob = new Blob([text], { type: `${mediaType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return url;
}

/** Put `text` on the clipboard; resolves true if the browser allowed it. */
export async function copyToClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no permission, no secure context, or no clipboard API
  }
}

const IOS = /\b(iPhone|iPad|iPod)\b/;
const IOS_OTHER_BROWSER = /\b(CriOS|FxiOS|EdgiOS|OPiOS|OPT|YaBrowser|DuckDuckGo|GSA)\//;
const IN_APP = /\b(FBAN|FBAV|FB_IAB|Instagram|Line|Snapchat|TikTok|musical_ly|Twitter|LinkedInApp|Pinterest)\b/i;
const ANDROID_WEBVIEW = /\bAndroid\b.*;\s*wv\)/;

/**
 * A sentence for browsers where "Add to my calendar" is known to go nowhere, or null.
 * iPhone browsers other than Safari, and browsers built into other apps, often keep a
 * calendar file to themselves.
 */
export function browserNote(userAgent) {
  const agent = String(userAgent || "");
  const inApp = IN_APP.test(agent) || ANDROID_WEBVIEW.test(agent);
  if (IOS.test(agent) && (inApp || IOS_OTHER_BROWSER.test(agent))) {
    return (
      "On an iPhone, only Safari passes calendar files to the Calendar app. If nothing " +
      "offers to add the check-ins, open this page in Safari, or email the file to yourself " +
      "and open it from the email. You can also copy the dates as text."
    );
  }
  if (inApp) {
    return (
      "This looks like a browser inside another app, which may not save files. If nothing " +
      "happens, open this page in your phone's own browser, or copy the dates as text."
    );
  }
  return null;
}
