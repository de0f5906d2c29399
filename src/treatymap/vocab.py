"""The treaties' own words as named values.

A status or an event kind is spelled here once; everything else imports it. Each value carries
its legal meaning, so the map legend, the CLI and the tests all say the same thing. Colours and
outlines are in :mod:`treatymap.style`; what differs between treaties is in ``treaties.csv``.
"""

from __future__ import annotations

from enum import StrEnum

from treatymap.i18n import N_


class Status(StrEnum):
    """A state's legal position under a treaty on one day (computed, never stored)."""

    NOT_PARTY = "not_party"
    SIGNATORY = "signatory"
    RATIFIED_NOT_IN_FORCE = "ratified_not_in_force"
    STATE_PARTY = "state_party"
    WITHDRAWAL_PENDING = "withdrawal_pending"
    WITHDRAWN = "withdrawn"
    #: Under a treaty whose record is not yet complete: no source in the record dates any step
    #: of the state's, so whether it is bound is not known here (never shown as "not a party").
    NOT_RECORDED = "not_recorded"


#: Statuses under which the state is bound by the treaty's obligations on that day.
BOUND_STATUSES: frozenset[Status] = frozenset({Status.STATE_PARTY, Status.WITHDRAWAL_PENDING})

#: Plain-words label for each status, as a reader sees it in the legend and the tables.
STATUS_LABEL: dict[Status, str] = {
    Status.NOT_PARTY: N_("Not a party"),
    Status.SIGNATORY: N_("Signatory"),
    Status.RATIFIED_NOT_IN_FORCE: N_("Joined, not yet in force"),
    Status.STATE_PARTY: N_("State Party (bound)"),
    Status.WITHDRAWAL_PENDING: N_("Withdrawal pending (still bound)"),
    Status.WITHDRAWN: N_("Withdrawn (no longer bound)"),
    Status.NOT_RECORDED: N_("No record yet"),
}

#: What each status means in law, for any treaty (the articles are in ``treaties.csv``).
STATUS_MEANING: dict[Status, str] = {
    Status.NOT_PARTY: N_("Has neither signed the treaty nor deposited an instrument of consent."),
    Status.SIGNATORY: N_(
        "Signed, but has deposited no instrument of ratification, acceptance or approval; "
        "not bound by the treaty's obligations."
    ),
    Status.RATIFIED_NOT_IN_FORCE: N_(
        "Has deposited its instrument, but is not yet bound: the treaty enters into force for "
        "a state some months after its deposit."
    ),
    Status.STATE_PARTY: N_("Bound by the treaty: it has entered into force for this state."),
    Status.WITHDRAWAL_PENDING: N_(
        "Has deposited an instrument of withdrawal but is still bound until it takes effect, "
        "some months after the Depositary receives it (and, under a treaty with that rule, not "
        "during an armed conflict the state is engaged in)."
    ),
    Status.WITHDRAWN: N_("Its withdrawal has taken effect: no longer bound."),
    Status.NOT_RECORDED: N_(
        "The record of this treaty is not complete, and no source in it dates a step of this "
        "state's: it may or may not be bound."
    ),
}


class EventKind(StrEnum):
    """Something that happened to a state's relation with a treaty, on one day."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    CONSENT_TO_BE_BOUND = "consent_to_be_bound"
    ENTRY_INTO_FORCE = "entry_into_force"
    WITHDRAWAL_CONSIDERED = "withdrawal_considered"
    WITHDRAWAL_ANNOUNCED = "withdrawal_announced"
    PARLIAMENT_VOTE = "parliament_vote"
    WITHDRAWAL_SIGNED = "withdrawal_signed"
    WITHDRAWAL_DEPOSITED = "withdrawal_deposited"
    WITHDRAWAL_EFFECTIVE = "withdrawal_effective"
    SUSPENSION_DECLARED = "suspension_declared"
    SUSPENSION_VOTED = "suspension_voted"
    SUSPENSION_SIGNED = "suspension_signed"
    SUSPENSION_NOTIFIED = "suspension_notified"
    ARMED_CONFLICT_BEGAN = "armed_conflict_began"
    ARMED_CONFLICT_ENDED = "armed_conflict_ended"
    STATEMENT = "statement"
    OBJECTION = "objection"


#: Deposits by which a state expresses its consent to be bound (Article 16 of both
#: conventions), and the notification of consent to be bound by a protocol of the Convention on
#: Certain Conventional Weapons (its Article 4), which has no signature stage.
CONSENT_INSTRUMENTS: frozenset[EventKind] = frozenset(
    {
        EventKind.RATIFICATION,
        EventKind.ACCEPTANCE,
        EventKind.APPROVAL,
        EventKind.ACCESSION,
        EventKind.SUCCESSION,
        EventKind.CONSENT_TO_BE_BOUND,
    }
)

#: Events that fix a legal date: the ones every status rests on, and that want two sources.
LEGAL_KINDS: frozenset[EventKind] = CONSENT_INSTRUMENTS | frozenset(
    {
        EventKind.SIGNATURE,
        EventKind.ENTRY_INTO_FORCE,
        EventKind.WITHDRAWAL_DEPOSITED,
        EventKind.WITHDRAWAL_EFFECTIVE,
    }
)

#: Instruments that presuppose an earlier signature (accession and succession do not).
INSTRUMENTS_AFTER_SIGNATURE: frozenset[EventKind] = frozenset(
    {EventKind.RATIFICATION, EventKind.ACCEPTANCE, EventKind.APPROVAL}
)

#: The steps of a declared "suspension", which no treaty here provides for: a state's own acts,
#: worded as suspension, never as withdrawal (a suspension is not an instrument of withdrawal).
SUSPENSION_KINDS: frozenset[EventKind] = frozenset(
    {
        EventKind.SUSPENSION_DECLARED,
        EventKind.SUSPENSION_VOTED,
        EventKind.SUSPENSION_SIGNED,
        EventKind.SUSPENSION_NOTIFIED,
    }
)

#: The political steps of leaving, before any instrument of withdrawal is deposited.
WITHDRAWAL_STEP_KINDS: frozenset[EventKind] = frozenset(
    {
        EventKind.WITHDRAWAL_CONSIDERED,
        EventKind.WITHDRAWAL_ANNOUNCED,
        EventKind.PARLIAMENT_VOTE,
        EventKind.WITHDRAWAL_SIGNED,
    }
)

#: A state's own political steps towards leaving or suspending: they change no legal status, and
#: the latest one travels beside the status as a note (a dotted outline on the map).
NOTE_KINDS: frozenset[EventKind] = WITHDRAWAL_STEP_KINDS | SUSPENSION_KINDS

#: Context that changes nothing, not even the note: statements (a campaign's, a meeting's) and
#: objections lodged with the depositary against another state's act (``concerns`` names it).
CONTEXT_KINDS: frozenset[EventKind] = frozenset({EventKind.STATEMENT, EventKind.OBJECTION})

#: Every event kind that changes no legal status.
POLITICAL_KINDS: frozenset[EventKind] = NOTE_KINDS | CONTEXT_KINDS

#: Plain-words label for each event kind, used in notes, timelines and the CLI.
EVENT_LABEL: dict[EventKind, str] = {
    EventKind.SIGNATURE: N_("Signature"),
    EventKind.RATIFICATION: N_("Instrument of ratification deposited"),
    EventKind.ACCEPTANCE: N_("Instrument of acceptance deposited"),
    EventKind.APPROVAL: N_("Instrument of approval deposited"),
    EventKind.ACCESSION: N_("Instrument of accession deposited"),
    EventKind.SUCCESSION: N_("Notification of succession deposited"),
    EventKind.CONSENT_TO_BE_BOUND: N_("Consent to be bound notified"),
    EventKind.ENTRY_INTO_FORCE: N_("Entry into force for the state"),
    EventKind.WITHDRAWAL_CONSIDERED: N_("Withdrawal considered"),
    EventKind.WITHDRAWAL_ANNOUNCED: N_("Withdrawal announced"),
    EventKind.PARLIAMENT_VOTE: N_("Parliament approved withdrawal"),
    EventKind.WITHDRAWAL_SIGNED: N_("Withdrawal approved by the head of state"),
    EventKind.WITHDRAWAL_DEPOSITED: N_("Instrument of withdrawal deposited"),
    EventKind.WITHDRAWAL_EFFECTIVE: N_("Withdrawal took effect"),
    EventKind.SUSPENSION_DECLARED: N_("Suspension declared"),
    EventKind.SUSPENSION_VOTED: N_("Parliament approved suspension"),
    EventKind.SUSPENSION_SIGNED: N_("Suspension signed into law"),
    EventKind.SUSPENSION_NOTIFIED: N_("Suspension notified to the Depositary"),
    EventKind.ARMED_CONFLICT_BEGAN: N_("Engaged in an armed conflict"),
    EventKind.ARMED_CONFLICT_ENDED: N_("Armed conflict ended"),
    EventKind.STATEMENT: N_("Statement"),
    EventKind.OBJECTION: N_("Objection lodged with the Depositary"),
}

#: A legal step as a noun, for a sentence about its day ("the day of the signature").
EVENT_NOUN: dict[EventKind, str] = {
    EventKind.SIGNATURE: N_("signature"),
    EventKind.RATIFICATION: N_("deposit of the instrument of ratification"),
    EventKind.ACCEPTANCE: N_("deposit of the instrument of acceptance"),
    EventKind.APPROVAL: N_("deposit of the instrument of approval"),
    EventKind.ACCESSION: N_("deposit of the instrument of accession"),
    EventKind.SUCCESSION: N_("notification of succession"),
    EventKind.CONSENT_TO_BE_BOUND: N_("notification of consent to be bound"),
    EventKind.ENTRY_INTO_FORCE: N_("entry into force"),
    EventKind.WITHDRAWAL_DEPOSITED: N_("Depositary's receipt of the instrument of withdrawal"),
    EventKind.WITHDRAWAL_EFFECTIVE: N_("withdrawal's effect"),
}


class SourceKind(StrEnum):
    """What kind of body published a source, strongest first: a reader is shown the strongest
    source of a fact first, and the rest under "Also stated by" (``sources.csv``, ``kind``)."""

    DEPOSITARY = "depositary"
    SUPPORT_UNIT = "support_unit"  # a treaty's Implementation Support Unit and its meetings
    GOVERNMENT = "government"  # ministries, heads of state, official gazettes, treaty series
    PARLIAMENT = "parliament"
    INTERNATIONAL_ORGANISATION = "international_organisation"  # ICRC, UNODA, UN News
    MONITOR = "monitor"  # the Landmine and Cluster Munition Monitor
    CAMPAIGN = "campaign"  # ICBL, the Cluster Munition Coalition and other NGOs
    NEWS = "news"
    REFERENCE = "reference"  # academic and legal reference works
    ENCYCLOPAEDIA = "encyclopaedia"


#: A source's rank: the lower, the stronger (the order of :class:`SourceKind`).
SOURCE_RANK: dict[SourceKind, int] = {kind: rank for rank, kind in enumerate(SourceKind)}


class Address(StrEnum):
    """What a source's address is: the page holding the sentence, or only a site's home page
    or an archived copy of it (the reader is told so)."""

    PAGE = "page"
    HOME_PAGE = "home_page"
    ARCHIVED_COPY = "archived_copy"


class Obligation(StrEnum):
    """What a treaty does (``treaties.csv``, ``obligation``): a ban, or rules that restrict."""

    BANS_ANTI_PERSONNEL_MINES = "bans_anti_personnel_mines"
    BANS_CLUSTER_MUNITIONS = "bans_cluster_munitions"
    RESTRICTS_MINES = "restricts_mines"


#: What each treaty does, in one sentence after its name ("The Ottawa Convention bans …").
OBLIGATION_WORDS: dict[Obligation, str] = {
    Obligation.BANS_ANTI_PERSONNEL_MINES: N_(
        "bans anti-personnel mines: their use, stockpiling, production and transfer"
    ),
    Obligation.BANS_CLUSTER_MUNITIONS: N_(
        "bans cluster munitions: their use, production, transfer and stockpiling"
    ),
    Obligation.RESTRICTS_MINES: N_(
        "does not ban anti-personnel mines: it restricts how mines, booby-traps and other "
        "devices are used (detectable mines, marked, fenced and monitored minefields, "
        "self-destructing remotely delivered mines, records, no transfer to those who would "
        "misuse them)"
    ),
}


class Leaving(StrEnum):
    """What a treaty calls leaving it (``treaties.csv``, ``leaving``)."""

    WITHDRAWAL = "withdrawal"
    DENUNCIATION = "denunciation"


class EntryDay(StrEnum):
    """How a treaty counts the day it enters into force for a state that joins later
    (``treaties.csv``, ``entry_into_force_day``)."""

    #: "on the first day of the sixth month after the date on which that State has deposited"
    #: (the Ottawa Convention's and the CCM's Article 17).
    FIRST_OF_MONTH = "first_of_month"
    #: "six months after the date on which that State has notified its consent" (the Convention
    #: on Certain Conventional Weapons, Article 5).
    SAME_DAY = "same_day"


class Coverage(StrEnum):
    """Whether a treaty's record holds every participant's steps (``treaties.csv``,
    ``record``): under a partial record a state without any is "no record yet", never "not a
    party"."""

    COMPLETE = "complete"
    PARTIAL = "partial"
