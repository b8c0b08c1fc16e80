// The shape of a curated session file (data/sessions/*.json). Every entry cites the exact
// sentence or clause of the source it comes from; the loader checks that word for word.
import { z } from "zod";

const bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** Period atoms: y2022 (năm 2022), m4-2023 (4 tháng đầu năm 2023), q1-2023 (quý I/2023), to-m4-2023 (đến hết tháng 4/2023), now. */
export const periodSchema = z.object({
  label: z.string().min(1),
  labelEn: z.string().min(1),
  atoms: z.array(z.string().regex(/^(y\d{4}|m\d{1,2}-\d{4}|q[1-4]-\d{4}|to-m\d{1,2}-\d{4}|now)$/)).min(1),
  /** The clause that sets the period, when it is not in the figure's own citation. */
  cite: z.string().min(1).optional(),
});

export const figureKinds = ["growth", "share", "value", "count", "percent_of_plan", "change_same_period"] as const;

export const figureSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  indicator: z.string().regex(/^[a-z0-9-]+$/),
  measure: z.string().min(1),
  subject: z.string().min(1),
  kind: z.enum(figureKinds),
  label: bilingual,
  /** The figure as the source writes it, e.g. "7,22%", "hơn 13.330 ha", "22 hợp tác xã". */
  display: z.string().min(1),
  /** The numeric value, for the benchmark generator and English formatting. */
  value: z.number(),
  unit: z.string(),
  period: periodSchema,
  cite: z.string().min(1),
  /** Figures of one group are always answered together (589 tỷ đồng = 15,2% kế hoạch). */
  group: z.string().optional(),
  /** Extra concept phrases this figure is about, beyond the words of its citation. */
  keys: z.array(z.string()).default([]),
});

export const personSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().nullable(),
  roles: z.array(z.string().min(1)).min(1),
  rolesEn: z.array(z.string().min(1)).min(1),
  cite: z.string().min(1),
  keys: z.array(z.string()).default([]),
});

export const petitionGroupSchema = z.object({
  id: z.string().regex(/^KN-\d{2}$/),
  to: z.enum(["government", "ministries"]),
  toLabel: z.string().min(1),
  count: z.number().int().positive(),
  /** The count as the source writes it: "4 nội dung", "48 vấn đề". */
  countDisplay: z.string().min(1),
  origin: z.enum(["long_standing", "new"]),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  topics: z.array(z.string().min(1)).min(1),
  /** The status the source records, from the petition lifecycle. */
  sourceStatus: z.string().min(1),
  sourceStatusNote: z.string().min(1),
  cite: z.string().min(1),
  topicsCite: z.string().min(1),
  statusCites: z.array(z.string().min(1)).min(1),
  keys: z.array(z.string()).default([]),
});

export const statementKinds = ["situation", "policy", "participants", "assessment", "difficulty", "petition_outcome", "acceptance", "task", "wish"] as const;

export const statementSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(statementKinds),
  summary: bilingual,
  cite: z.string().min(1),
  /** Part of the delegation's conclusions (shown by /ketluan). */
  conclusion: z.boolean().default(false),
  keys: z.array(z.string()).default([]),
});

export const indicatorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: bilingual,
  /** Shown in the daily digest's list of key indicators. */
  key: z.boolean().default(false),
});

export const sessionFileSchema = z.object({
  session: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    titleEn: z.string().min(1),
    province: z.string().min(1),
    /** Free text such as "năm 2022 và 4 tháng đầu năm 2023". */
    reportPeriod: z.string().min(1),
    /** ISO date of the last day the report covers: orders sessions ("the most recent"). */
    coversUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The years the report speaks of; a question about another year is out of scope. */
    years: z.array(z.number().int()).min(1),
    sourceFile: z.string().min(1),
    delegationHead: z.string().min(1),
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
