/** A function of one object or string, worked out once per argument (the cache holds objects weakly). */
export function once<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>()
  return key => {
    if (cache.has(key)) return cache.get(key) as V
    const value = compute(key)
    cache.set(key, value)
    return value
  }
}

/** As `once`, for strings (patterns): the cache is a Map. */
export function oncePerString<V>(compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>()
  return key => {
    let value = cache.get(key)
    if (value === undefined) {
      value = compute(key)
      cache.set(key, value)
    }
    return value
  }
}
