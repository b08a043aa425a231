/** "1 film", "2 films"; `many` for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}
