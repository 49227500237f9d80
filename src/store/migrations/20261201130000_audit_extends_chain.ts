import { type Kysely, sql } from 'kysely'

/**
 * Once the chain has begun, the database itself refuses an entry that does not extend it: each new entry names the
 * hash of the last one and carries its own. So an entry cannot be slipped in between others (or back-dated into the
 * past of the log) by a role that can only insert, and one forged at the end is caught by `audit verify`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_log_extends_chain() returns trigger language plpgsql as $$
    declare
      last_hash text;
      last_id bigint;
    begin
      select hash, id into last_hash, last_id from audit_log order by id desc limit 1;
      if last_id is null or (last_hash is null and new.hash is null) then
        return new;
      end if;
      if new.hash is null or new.prev_hash is distinct from last_hash or new.id <= last_id then
        raise exception 'audit_log entries extend the chain: this one does not follow entry %', last_id;
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger audit_log_chain before insert on audit_log
    for each row execute function audit_log_extends_chain()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_chain on audit_log`.execute(db)
  await sql`drop function if exists audit_log_extends_chain()`.execute(db)
}
