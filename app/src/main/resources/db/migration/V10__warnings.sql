-- Early warnings and protection advice.

-- What each member declares it runs or depends on; the hub matches warnings against it.
create table exposure_item (
    id             bigserial primary key,
    institution_id text        not null references institution (id),
    kind           text        not null check (kind in ('product', 'supplier', 'range', 'domain')),
    value          text        not null,
    note           text,
    created_at     timestamptz not null,
    created_by     text        not null
);
create unique index exposure_item_unique on exposure_item (institution_id, kind, lower(value));

-- Where a member's warnings are delivered besides the pages and TAXII.
create table notification_channel (
    id             bigserial primary key,
    institution_id text        not null references institution (id),
    kind           text        not null check (kind in ('webhook', 'email')),
    target         text        not null,
    created_at     timestamptz not null,
    created_by     text        not null,
    unique (institution_id, kind, target)
);

create table warning (
    id            uuid primary key,
    title         text        not null,
    description   text,
    advice        text,
    severity      text        not null check (severity in ('low', 'medium', 'high', 'critical')),
    tlp           text        not null,
    audience      text        not null check (audience in ('all', 'exposed')),
    criteria      jsonb       not null,
    indicators    jsonb       not null,
    techniques    text[]      not null,
    report_id     text        not null,
    issued_at     timestamptz not null,
    issued_by     text        not null,
    remind_at     timestamptz not null,
    escalate_at   timestamptz not null
);
create index warning_issued on warning (issued_at desc);

create table warning_recipient (
    warning_id      uuid        not null references warning (id),
    institution_id  text        not null references institution (id),
    matched_by      text[]      not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    reminded_at     timestamptz,
    escalated_at    timestamptz,
    primary key (warning_id, institution_id)
);
create index warning_recipient_institution on warning_recipient (institution_id, warning_id);
create index warning_recipient_open on warning_recipient (warning_id) where acknowledged_at is null;

-- The outbox of notices: written with the warning, reminder or escalation, sent and retried by the delivery worker.
create table warning_delivery (
    id              bigserial primary key,
    warning_id      uuid        not null references warning (id),
    institution_id  text        not null references institution (id),
    channel_kind    text        not null check (channel_kind in ('webhook', 'email')),
    target          text        not null,
    notice          text        not null check (notice in ('issued', 'reminder', 'escalation')),
    -- For an escalation sent to the hub's channels: the member that has not acknowledged.
    subject_id      text references institution (id),
    status          text        not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts        integer     not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index warning_delivery_due on warning_delivery (next_attempt_at) where status = 'pending';

-- The hub's Ed25519 key that signs webhook notices; members verify with its public half.
create table warning_webhook_key (
    id          integer primary key check (id = 1),
    private_key bytea       not null,
    public_key  bytea       not null,
    created_at  timestamptz not null
);
