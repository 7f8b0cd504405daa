/** One step of the schema, from version n − 1 to n (n is the number its file name starts with). */
export interface Migration {
  description: string;
  sql: string;
}
