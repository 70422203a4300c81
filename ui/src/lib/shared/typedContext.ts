// One typed Svelte context: `provide` in <App>, `use` in the components below it. Holds no state itself.
import { getContext, setContext } from "svelte";

export interface TypedContext<T> {
  provide(value: T): void;
  /** The provided value; throws, naming what is missing, when called outside <App>. */
  use(): T;
}

export function typedContext<T>(user: string, what: string): TypedContext<T> {
  const key = Symbol(what);
  return {
    provide: (value) => void setContext(key, value),
    use() {
      const value = getContext<T | undefined>(key);
      if (value === undefined) throw new Error(`${user} outside <App>: no ${what} in context`);
      return value;
    },
  };
}
