-- Tenants: member institutions plus the two special tenants, the hub operator and the regulator.
create table institution (
    id          text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text not null check (length(name) between 1 and 200),
    kind        text not null check (kind in ('HUB', 'REGULATOR', 'BANK', 'SECURITIES', 'INSURANCE',
                                              'BILLS_FINANCE', 'CREDIT_COOPERATIVE', 'PAYMENT', 'OTHER')),
    size_tier   text check (size_tier in ('LARGE', 'MEDIUM', 'SMALL')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- Members have a size tier; the hub and the regulator do not.
    check ((kind in ('HUB', 'REGULATOR')) = (size_tier is null))
);
-- Exactly one hub and one regulator tenant.
create unique index institution_one_hub on institution (kind) where kind in ('HUB', 'REGULATOR');

create table app_user (
    id              uuid primary key,
    institution_id  text not null references institution (id),
    username        text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name    text not null check (length(display_name) between 1 and 200),
    email           text,
    role            text not null check (role in ('HUB_ADMIN', 'HUB_ANALYST', 'REGULATOR',
                                                  'INSTITUTION_ADMIN', 'INSTITUTION_ANALYST')),
    password_hash   text not null,
    locale          text not null default 'zh-TW' check (locale in ('zh-TW', 'en')),
    enabled         boolean not null default true,
    failed_attempts integer not null default 0,
    locked_until    timestamptz,
    last_login_at   timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index app_user_institution on app_user (institution_id);

create table api_token (
    id             text primary key check (id ~ '^[a-z2-7]{16}$'),
    institution_id text not null references institution (id),
    name           text not null check (length(name) between 1 and 200),
    scopes         text[] not null check (cardinality(scopes) > 0),
    -- SHA-256 of the secret: tokens carry 256 random bits, so a slow password hash would add nothing.
    secret_hash    bytea not null check (length(secret_hash) = 32),
    created_by     text not null,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_by     text,
    last_used_at   timestamptz
);
create index api_token_institution on api_token (institution_id);

-- The audit trail: append-only and hash-chained. Each record carries the hash of the one before it;
-- audit_head holds the newest link so that removing records from the end is detected too.
create table audit_log (
    seq                bigint primary key check (seq > 0),
    recorded_at        timestamptz not null,
    actor              text not null,
    actor_institution  text,
    action             text not null,
    target_type        text,
    target_id          text,
    target_institution text,
    outcome            text not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
    details            text not null,
    remote_address     text,
    prev_hash          text not null,
    hash               text not null
);
create index audit_log_actor_institution on audit_log (actor_institution, seq);
create index audit_log_target_institution on audit_log (target_institution, seq);
create index audit_log_recorded_at on audit_log (recorded_at);

create table audit_head (
    id   integer primary key check (id = 1),
    seq  bigint not null,
    hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function refuse_audit_change();

-- The head only ever moves forward by one record at a time.
create function audit_head_moves_forward() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq <> old.seq + 1 then
        raise exception 'audit_head only advances by one record' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger audit_head_forward before update or delete on audit_head
    for each row execute function audit_head_moves_forward();
create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function refuse_audit_change();
