import { createContext, useContext } from "react";

// The CSP nonce for inline scripts Remix renders; empty in the browser (the
// browser hides nonce attributes, and scripts are already running by then).
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
