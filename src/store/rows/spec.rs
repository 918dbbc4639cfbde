//! What each table's records are in the journal: their key and their fields as facts.
//! A reference to another record is that record's uid; derived columns (the due date
//! `next_due`, the folded name, `updated_at`, the version itself) are not facts.

use super::Spec;
use crate::domain::journal::Entity;

macro_rules! uid_of {
    ($table:literal, $col:literal) => {
        concat!("(SELECT uid FROM ", $table, " WHERE id = t.", $col, ")")
    };
}

pub(in crate::store) static CITIZEN: Spec = Spec::new(
    Entity::Citizen,
    "citizens",
    "t.uid",
    true,
    &[
        ("full_name", "t.full_name"),
        ("id_kind", "t.id_kind"),
        ("id_number", "t.id_number"),
        ("phone", "t.phone"),
        ("address", "t.address"),
        ("birth_year", "t.birth_year"),
        ("sex", "t.sex"),
        ("created_at", "t.created_at"),
        ("created_by", uid_of!("officers", "created_by")),
        ("deleted_at", "t.deleted_at"),
        // A denouncer's identity, sealed (issue 26): the ciphertext is what the journal
        // carries (hex), so the chain stays faithful to the record.
        ("sealed", "t.sealed"),
    ],
);

pub(in crate::store) static SESSION: Spec = Spec::new(
    Entity::Session,
    "sessions",
    "t.uid",
    false,
    &[
        ("day", "t.day"),
        ("form", "t.form"),
        ("presiding", "t.presiding"),
        ("presider_role", "t.presider_role"),
        ("place", "t.place"),
        ("desk", "t.desk"),
        ("created_at", "t.created_at"),
        ("created_by", uid_of!("officers", "created_by")),
    ],
);

pub(in crate::store) static VISIT: Spec = Spec::new(
    Entity::Visit,
    "visits",
    "t.uid",
    true,
    &[
        ("session", uid_of!("sessions", "session_id")),
        ("citizen", uid_of!("citizens", "citizen_id")),
        ("day", "t.day"),
        ("time", "t.time"),
        ("people", "t.people"),
        ("representatives", "t.representatives"),
        // A denunciation's representatives, sealed (issue 26): the ciphertext is journaled.
        ("sealed_representatives", "t.sealed_representatives"),
        ("petition_type", "t.petition_type"),
        ("field", uid_of!("fields", "field_id")),
        ("content", "t.content"),
        ("prior_agencies", "t.prior_agencies"),
        ("handling", "t.handling"),
        ("transfer_agency", "t.transfer_agency"),
        ("note", "t.note"),
        ("petitions", "t.petitions"),
        ("requests", "t.requests"),
        ("account_read", "t.account_read"),
        ("refusal_ground", "t.refusal_ground"),
        ("refusal_notice_on", "t.refusal_notice_on"),
        ("officer", uid_of!("officers", "officer_id")),
        ("created_at", "t.created_at"),
        ("deleted_at", "t.deleted_at"),
        ("void_reason", "t.void_reason"),
    ],
);

pub(in crate::store) static CASE: Spec = Spec::new(
    Entity::Case,
    "cases",
    "t.uid",
    true,
    &[
        ("code", "t.code"),
        ("case_type", "t.case_type"),
        ("year", "t.year"),
        ("desk", "t.desk"),
        ("seq", "t.seq"),
        ("citizen", uid_of!("citizens", "citizen_id")),
        ("field", uid_of!("fields", "field_id")),
        ("summary", "t.summary"),
        ("status", "t.status"),
        ("round", "t.round"),
        ("previous_case", uid_of!("cases", "previous_case_id")),
        ("complex", "t.complex"),
        ("very_complex", "t.very_complex"),
        ("remote", "t.remote"),
        ("multi_site", "t.multi_site"),
        ("own_authority", "t.own_authority"),
        ("extensions", "t.extensions"),
        ("source", "t.source"),
        ("forwarded_by", "t.forwarded_by"),
        ("forwarding_doc", "t.forwarding_doc"),
        ("forwarder_kind", "t.forwarder_kind"),
        ("received_on", "t.received_on"),
        ("accepted_on", "t.accepted_on"),
        ("resolved_on", "t.resolved_on"),
        ("outcome", "t.outcome"),
        ("officer", uid_of!("officers", "officer_id")),
        ("identity_disclosed", "t.identity_disclosed"),
        ("disciplinary", "t.disciplinary"),
        ("dismissal", "t.dismissal"),
        ("learned_on", "t.learned_on"),
        ("obstacle_days", "t.obstacle_days"),
        ("result_requested", "t.result_requested"),
        ("duties_from", "t.duties_from"),
        ("duties23_from", "t.duties23_from"),
        ("created_at", "t.created_at"),
        ("deleted_at", "t.deleted_at"),
    ],
);

pub(in crate::store) static CASE_EVENT: Spec = Spec::new(
    Entity::CaseEvent,
    "case_events",
    "t.uid",
    false,
    &[
        ("case", uid_of!("cases", "case_id")),
        ("at", "t.at"),
        ("day", "t.day"),
        ("officer", uid_of!("officers", "officer_id")),
        ("action", "t.action"),
        ("from_status", "t.from_status"),
        ("to_status", "t.to_status"),
        ("note", "t.note"),
        ("document_no", "t.document_no"),
        ("agency", "t.agency"),
        ("reason", "t.reason"),
        ("outcome", "t.outcome"),
        ("facts", "t.facts"),
    ],
);

pub(in crate::store) static CASE_VISIT: Spec = Spec::new(
    Entity::CaseVisit,
    "case_visits",
    concat!(
        uid_of!("cases", "case_id"),
        " || '/' || ",
        uid_of!("visits", "visit_id")
    ),
    false,
    &[
        ("case", uid_of!("cases", "case_id")),
        ("visit", uid_of!("visits", "visit_id")),
    ],
);

pub(in crate::store) static OFFICER: Spec = Spec::new(
    Entity::Officer,
    "officers",
    "t.uid",
    false,
    &[
        ("full_name", "t.full_name"),
        ("title", "t.title"),
        ("active", "t.active"),
        (
            "roles",
            "(SELECT group_concat(role, ',') FROM (SELECT role FROM officer_roles
               WHERE officer_id = t.id ORDER BY role))",
        ),
        ("has_pin", "t.pin_hash IS NOT NULL"),
        ("created_at", "t.created_at"),
    ],
);

pub(in crate::store) static SETTING: Spec = Spec::new(
    Entity::Setting,
    "settings",
    "t.key",
    false,
    &[("value", "t.value")],
);

pub(in crate::store) static FIELD: Spec = Spec::new(
    Entity::Field,
    "fields",
    "t.uid",
    false,
    &[
        ("code", "t.code"),
        ("name", "t.name"),
        ("report_column", "t.report_column"),
        ("sort_order", "t.sort_order"),
        ("active", "t.active"),
    ],
);

pub(in crate::store) static RULE: Spec = Spec::new(
    Entity::Rule,
    "deadline_rules",
    "t.uid",
    false,
    &[
        ("obligation", "t.obligation"),
        ("case_type", "t.case_type"),
        ("round", "t.round"),
        ("complex", "t.complex"),
        ("remote", "t.remote"),
        ("disciplinary", "t.disciplinary"),
        ("dismissal", "t.dismissal"),
        ("multi_site", "t.multi_site"),
        ("days", "t.days"),
        ("extension_days", "t.extension_days"),
        ("basis", "t.basis"),
        ("start_event", "t.start_event"),
        ("article", "t.article"),
        ("effective_from", "t.effective_from"),
        ("effective_to", "t.effective_to"),
        ("unconfirmed", "t.unconfirmed"),
        ("internal", "t.internal"),
        ("active", "t.active"),
        ("note", "t.note"),
        ("excludes_obstacles", "t.excludes_obstacles"),
        ("reason", "t.reason"),
        ("replaces", uid_of!("deadline_rules", "replaces")),
    ],
);

pub(in crate::store) static CALENDAR_DAY: Spec = Spec::new(
    Entity::CalendarDay,
    "calendar_days",
    "t.day || '@' || t.effective_from",
    false,
    &[
        ("day", "t.day"),
        ("effective_from", "t.effective_from"),
        ("kind", "t.kind"),
        ("name", "t.name"),
        ("source", "t.source"),
    ],
);

pub(in crate::store) static CALENDAR_YEAR: Spec = Spec::new(
    Entity::CalendarYear,
    "calendar_years",
    "CAST(t.year AS TEXT)",
    false,
    &[("source", "t.source")],
);

pub(in crate::store) static CLOSING: Spec = Spec::new(
    Entity::Closing,
    "report_closings",
    "t.uid",
    false,
    &[
        ("period", "t.period"),
        ("day_from", "t.day_from"),
        ("day_to", "t.day_to"),
        ("circular", "t.circular"),
        ("digest", "t.digest"),
        ("closed_at", "t.closed_at"),
        ("closed_by", uid_of!("officers", "closed_by")),
    ],
);

pub(in crate::store) static RECEPTION_PLAN: Spec = Spec::new(
    Entity::ReceptionPlan,
    "reception_plans",
    "t.uid",
    true,
    &[
        ("leader", "t.leader"),
        ("pattern", "t.pattern"),
        ("weekday", "t.weekday"),
        ("days", "t.days"),
        ("place", "t.place"),
        ("effective_from", "t.effective_from"),
        ("effective_to", "t.effective_to"),
        ("created_at", "t.created_at"),
    ],
);

pub(in crate::store) static RECEPTION_DAY: Spec = Spec::new(
    Entity::ReceptionDay,
    "reception_days",
    "t.day",
    true,
    &[
        ("posted_on", "t.posted_on"),
        ("mark", "t.mark"),
        ("moved_to", "t.moved_to"),
        ("note", "t.note"),
    ],
);

pub(in crate::store) static VISIT_DOCUMENTS: Spec = Spec::new(
    Entity::VisitDocuments,
    "visit_documents",
    uid_of!("visits", "visit_id"),
    false,
    &[("items", "t.items"), ("created_at", "t.created_at")],
);

pub(in crate::store) static PAPER: Spec = Spec::new(
    Entity::Paper,
    "papers",
    "t.uid",
    false,
    &[
        ("unit", "t.unit"),
        ("year", "t.year"),
        ("form", "t.form"),
        ("number", "t.number"),
        ("subject", "t.subject"),
        ("subject_uid", "t.subject_uid"),
        ("issued_on", "t.issued_on"),
        ("created_at", "t.created_at"),
        ("created_by", uid_of!("officers", "created_by")),
    ],
);

pub(in crate::store) static PAPER_PRINT: Spec = Spec::new(
    Entity::PaperPrint,
    "paper_prints",
    "t.uid",
    false,
    &[
        ("paper", uid_of!("papers", "paper_id")),
        ("n", "t.n"),
        ("template_version", "t.template_version"),
        ("format", "t.format"),
        ("names_denouncer", "t.names_denouncer"),
        ("printed_at", "t.printed_at"),
        ("printed_by", uid_of!("officers", "printed_by")),
    ],
);

pub(in crate::store) static DIALOGUE: Spec = Spec::new(
    Entity::Dialogue,
    "dialogues",
    "t.uid",
    true,
    &[
        ("kind", "t.kind"),
        ("case", uid_of!("cases", "case_id")),
        ("planned_on", "t.planned_on"),
        ("time", "t.time"),
        ("place", "t.place"),
        ("presiding", "t.presiding"),
        ("notice_sent_on", "t.notice_sent_on"),
        ("notice_no", "t.notice_no"),
        ("participants", "t.participants"),
        ("audience", "t.audience"),
        ("people", "t.people"),
        ("topics", "t.topics"),
        ("held_on", "t.held_on"),
        ("said", "t.said"),
        ("agreed", "t.agreed"),
        ("differ", "t.differ"),
        ("outcome", "t.outcome"),
        ("signed", "t.signed"),
        ("note", "t.note"),
        ("cancelled", "t.cancelled"),
        ("created_by", uid_of!("officers", "created_by")),
        ("created_at", "t.created_at"),
    ],
);

pub(in crate::store) static DIALOGUE_PROMISE: Spec = Spec::new(
    Entity::DialoguePromise,
    "dialogue_promises",
    "t.uid",
    true,
    &[
        ("dialogue", uid_of!("dialogues", "dialogue_id")),
        ("text", "t.text"),
        ("owner", "t.owner"),
        ("due_on", "t.due_on"),
        ("answered_on", "t.answered_on"),
        ("answer", "t.answer"),
        ("created_at", "t.created_at"),
    ],
);

pub(in crate::store) static MERGE_ORIGIN: Spec = Spec::new(
    Entity::MergeOrigin,
    "merge_origins",
    "t.entity || '/' || t.record",
    false,
    &[
        ("entity", "t.entity"),
        ("record", "t.record"),
        ("desk", "t.desk"),
        ("desk_key", "t.desk_key"),
        ("unit_key", "t.unit_key"),
        ("their_version", "t.their_version"),
        ("our_version", "t.our_version"),
    ],
);

pub(in crate::store) static CITIZEN_ALIAS: Spec = Spec::new(
    Entity::CitizenAlias,
    "citizen_aliases",
    "t.foreign_uid",
    false,
    &[
        ("citizen", uid_of!("citizens", "citizen_id")),
        ("desk", "t.desk"),
    ],
);

/// Every journaled table, in the order a book's records are first written (a record's
/// references come before it).
pub(in crate::store) static ALL: &[&Spec] = &[
    &SETTING,
    &FIELD,
    &RULE,
    &CALENDAR_YEAR,
    &CALENDAR_DAY,
    &RECEPTION_PLAN,
    &RECEPTION_DAY,
    &OFFICER,
    &CITIZEN,
    &SESSION,
    &VISIT,
    &CASE,
    &CASE_EVENT,
    &CASE_VISIT,
    &CLOSING,
    &VISIT_DOCUMENTS,
    &PAPER,
    &PAPER_PRINT,
    &DIALOGUE,
    &DIALOGUE_PROMISE,
    &MERGE_ORIGIN,
    &CITIZEN_ALIAS,
];
