/** A page of a list, with the total of the whole list. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
