// Replacing one member of an object (sigma's renderer, a WebGL context) for the length of a call. Owns
// only the putting back: what the call does with the replacement is its caller's.

/**
 * Runs `body` with `target[key]` set to `replacement`, then puts back exactly what was there: the object's
 * own member, or none, so the prototype's shows through again (as it did before).
 */
export function withReplaced<T extends object, K extends keyof T, R>(target: T, key: K, replacement: T[K], body: () => R): R {
  const own = Object.prototype.hasOwnProperty.call(target, key);
  const before = target[key];
  target[key] = replacement;
  try {
    return body();
  } finally {
    if (own) target[key] = before;
    else Reflect.deleteProperty(target, key);
  }
}
