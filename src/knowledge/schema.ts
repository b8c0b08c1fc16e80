// The shape of a session file (data/sessions/*.json, or a session ingested at run time): what a
// working-session report says, in its own words. Every entry cites the exact clause of the
// source it comes from; the loader checks that word for word. The ingester (src/ingest) writes
// these files from a report's text; a reviewer may correct one by hand.
import { z } from "zod";

const bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** Period atoms, see src/text/periods.ts: y2022, m4-2023, l6-2022, q1-2023, mo1-2025, to-m4-2023, to-d2025-01-31, to-y2024, r2021-2025, now. */
export const periodAtom = z.string().regex(/^(y\d{4}|[ml]\d{1,2}-\d{4}|q[1-4]-\d{4}|mo\d{1,2}-\d{4}|to-m\d{1,2}-\d{4}|to-d\d{4}-\d{2}-\d{2}|to-y\d{4}|r\d{4}-\d{4}|now)$/);

export const periodSchema = z.object({
  label: z.string().min(1),
  labelEn: z.string().min(1),
  atoms: z.array(periodAtom).min(1),
  /** The clause that sets the period, when it is not in the figure's own citation. */
  cite: z.string().min(1).optional(),
  /** Where the period was read: the figure's clause, its sentence, its paragraph, or the report's own period. */
  source: z.enum(["clause", "sentence", "paragraph", "document"]).default("clause"),
});

export const figureKinds = ["growth", "share", "level", "count", "percent_of_plan", "contribution", "change", "change_same_period", "rank"] as const;

export const figureSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The series this figure belongs to (one measure at all its periods and parts), for /chiso and the digest. */
  indicator: z.string().regex(/^[a-z0-9-]+$/),
  /** The measure as the report names it ("Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn"). */
  measure: z.string(),
  /** The part of the measure this figure is about ("nông, lâm nghiệp"), "" for the whole. */
  subject: z.string(),
  kind: z.enum(figureKinds),
  /** A target or plan for a later period ("phấn đấu năm 2025 tăng ít nhất 10%"). */
  target: z.boolean().default(false),
  /** "ước", "dự kiến", "hơn", "gần", "khoảng"… */
  qualifier: z.string().optional(),
  label: bilingual,
  /** The figure as the source writes it, e.g. "7,22%", "hơn 13.330 ha", "22 hợp tác xã", "giảm 8,37%". */
  display: z.string().min(1),
  /** The value with the words that say what it is, as written: "bằng 116,92% dự toán". */
  phrase: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  period: periodSchema,
  /** The clause the figure is cited from. */
  cite: z.string().min(1),
  /** Other clauses of the source that say what the figure measures (its lead-in, heading, the figure it continues). */
  context: z.array(z.string().min(1)).default([]),
  /** The base of a comparison ("cùng kỳ 2022", "so với năm trước"). */
  comparedTo: z.string().optional(),
  /** Figures of one group say one thing ("589 tỷ đồng, tương đương 15,2% kế hoạch"). */
  group: z.string().optional(),
  /** The figure this one continues, or the total it is a part of. */
  parent: z.string().optional(),
  whole: z.string().optional(),
  /** Extra phrases a reviewer adds for what this figure is about. */
  keys: z.array(z.string()).default([]),
});

export const personSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().nullable(),
  roles: z.array(z.string().min(1)).min(1),
  rolesEn: z.array(z.string().min(1)).min(1),
  cite: z.string().min(1),
  /** Led the delegation ("Trưởng đoàn", "Thủ tướng … cùng đoàn công tác"). */
  leadsDelegation: z.boolean().default(false),
  keys: z.array(z.string()).default([]),
});

export const recipients = ["government", "prime_minister", "ministries", "other"] as const;

export const petitionGroupSchema = z.object({
  id: z.string().regex(/^KN-\d{2}$/),
  to: z.enum(recipients),
  toLabel: z.string().min(1),
  count: z.number().int().positive(),
  /** The count as the source writes it: "4 nội dung", "48 vấn đề". */
  countDisplay: z.string().min(1),
  origin: z.enum(["long_standing", "new", "unspecified"]),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  topics: z.array(z.string().min(1)),
  /** The status the source records, from the petition lifecycle. */
  sourceStatus: z.string().min(1),
  sourceStatusNote: z.string().min(1),
  cite: z.string().min(1),
  topicsCite: z.string().min(1).optional(),
  statusCites: z.array(z.string().min(1)),
  keys: z.array(z.string()).default([]),
});

export const statementKinds = ["situation", "policy", "participants", "assessment", "difficulty", "request", "petition_outcome", "acceptance", "task", "wish", "other"] as const;

export const statementSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(statementKinds),
  summary: bilingual,
  cite: z.string().min(1),
  /** Part of the delegation's conclusions (shown by /ketluan). */
  conclusion: z.boolean().default(false),
  /** Who says it (a person id), when the sentence names or refers to them. */
  speaker: z.string().optional(),
  /** Who asks whom: the province asking the centre, or the delegation tasking the province or the ministries. */
  direction: z.enum(["province_to_central", "central_to_province", "central_to_ministries"]).optional(),
  keys: z.array(z.string()).default([]),
});

export const indicatorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: bilingual,
  /** Shown in the daily digest's list of key indicators. */
  key: z.boolean().default(false),
});

export const sessionFileSchema = z.object({
  schemaVersion: z.literal(2).default(2),
  session: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    titleEn: z.string().min(1),
    province: z.string().min(1),
    /** Free text such as "năm 2022 và 4 tháng đầu năm 2023". */
    reportPeriod: z.string().min(1),
    /** The report's own period, as atoms: a figure whose period the text does not say has this one. */
    periodAtoms: z.array(periodAtom).default([]),
    /** ISO date of the last day the report covers: orders sessions ("the most recent"). */
    coversUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** ISO date of the meeting, when the report gives it. */
    meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** The years the report speaks of. */
    years: z.array(z.number().int()).min(1),
    sourceFile: z.string().min(1),
    delegationHead: z.string().min(1),
    /** Which ingester wrote the file (absent for a hand-written one). */
    ingester: z.object({ version: z.number().int(), unsure: z.array(z.string()).default([]) }).optional(),
  }),
  indicators: z.array(indicatorSchema),
  figures: z.array(figureSchema),
  people: z.array(personSchema),
  petitionGroups: z.array(petitionGroupSchema),
  statements: z.array(statementSchema),
});

export type SessionFile = z.infer<typeof sessionFileSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Person = z.infer<typeof personSchema>;
export type PetitionGroup = z.infer<typeof petitionGroupSchema>;
export type Statement = z.infer<typeof statementSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Period = z.infer<typeof periodSchema>;
export type FigureKind = (typeof figureKinds)[number];
export type StatementKind = (typeof statementKinds)[number];
