/** The request header a share link's pages (/s/<token>) send on every call; reads then answer for its project. */
export const SHARE_TOKEN_HEADER = "x-share-token";
/** A download link cannot send a header, so it carries the token as this query parameter instead. */
export const SHARE_TOKEN_PARAM = "share";
