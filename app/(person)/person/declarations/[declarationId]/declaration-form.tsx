"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldValues, type UseFormSetError, type Path } from "react-hook-form";
import { PhotoTool } from "@/components/photo-tool";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { Field, Input, inputClass, Select } from "@/components/ui/field";
import type { DeclarationAchievement, DeclarationBasic, DeclarationEducation, DeclarationWork, NoticeItem } from "@/db/schema/declarations";
import { ACHIEVEMENT_KINDS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, TITLE_LEVELS, type TitleLevel } from "@/db/schema/enums";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ACHIEVEMENT_KIND_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS, SECTION_LABELS } from "@/lib/declarations/constants";
import type { EligibilityResult } from "@/lib/declarations/eligibility";
import {
  achievementsSectionSchema,
  basicSectionSchema,
  educationSectionSchema,
  EXCEPTIONAL_REASON_MAX,
  exceptionalSectionSchema,
  GENDERS,
  targetSectionSchema,
  titleSectionSchema,
  workSectionSchema,
} from "@/lib/declarations/schemas";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import {
  acceptPledgeAction,
  saveAchievementsAction,
  saveBasicAction,
  saveEducationAction,
  saveExceptionalAction,
  saveTargetAction,
  saveTitleAction,
  saveWorkAction,
  submitDeclarationAction,
  withdrawDeclarationAction,
} from "../actions";

export type AttachmentMeta = { id: string; slot: string; fileName: string; size: number };

export type DeclarationFormProps = {
  declarationId: string;
  version: number;
  personName: string;
  idNumberMasked: string;
  unitLocked: boolean;
  unitOrgId: string | null;
  unitOptions: { id: string; name: string }[];
  basic: DeclarationBasic | null;
  education: DeclarationEducation[];
  work: DeclarationWork[];
  currentTitle: string | null;
  currentTitleLevel: TitleLevel | null;
  currentTitleDate: string | null;
  achievements: DeclarationAchievement[];
  attachments: AttachmentMeta[];
  pledgeAccepted: boolean;
  openItems: NoticeItem[];
  eligibility: EligibilityResult;
  requiredTitleLevel: TitleLevel | null;
  /** The 诚信档案 bar in force today (its notice), or null. */
  bar: { barUntil: string; message: string } | null;
  canWithdraw: boolean;
  /** 破格申报: the reason saved, or null. */
  exceptionalReason: string | null;
  /** The current 证件照, or null. */
  photoId: string | null;
  /** 申报专业与级别: editable until the first submission, within the batch's levels. */
  target: { specialty: string; targetLevel: TitleLevel; levels: TitleLevel[]; locked: boolean };
};

const STEPS = ["target", "basic", "education", "work", "title", "achievements", "photo", "pledge"] as const;
type Step = (typeof STEPS)[number];

function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>) {
  return (r: ActionResult<unknown>) => {
    if (!r.ok) for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as Path<T>, { message: m });
  };
}

const newId = () => crypto.randomUUID();

/** 申报表: one step per section, each saved as a draft by its own server action (docs/domain.md §16). */
export function DeclarationForm(props: DeclarationFormProps) {
  const [step, setStep] = useState<Step>("basic");
  // Each save answers the declaration's new version, and the next step saves with it at once: waiting for the
  // page's refreshed props instead lets a quick second save go out with the old version and be refused as
  // stale. A refresh carrying a newer version still wins (versions only grow).
  const [savedVersion, setSavedVersion] = useState(props.version);
  const version = Math.max(savedVersion, props.version);
  const p = { ...props, version, onSaved: setSavedVersion };
  const flagged = new Set(props.openItems.map((i) => i.slot.split(":")[0]));
  // The target is fixed once submitted (the route and the 公示 depend on it).
  const steps = STEPS.filter((s) => s !== "target" || !props.target.locked);
  // On a phone the step bar scrolls sideways: keep the current step in view inside it (the bar only, never
  // the page), also when the bar's width changes (rotation). The observer also fires once on observe.
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const bar = nav.current;
    if (!bar) return;
    const observer = new ResizeObserver(() => {
      const current = bar.querySelector<HTMLElement>('[aria-current="step"]');
      if (current) bar.scrollTo({ left: current.offsetLeft - (bar.clientWidth - current.offsetWidth) / 2 });
    });
    observer.observe(bar);
    return () => observer.disconnect();
  }, [step]);
  return (
    <div className="space-y-4">
      <nav ref={nav} aria-label="申报步骤" className="relative flex gap-2 overflow-x-auto pb-1">
        {steps.map((s, i) => (
          <button
            key={s}
            type="button"
            onClick={() => setStep(s)}
            aria-current={s === step ? "step" : undefined}
            className={`shrink-0 rounded-full border px-3 py-1 text-sm ${s === step ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700"}`}
          >
            {i + 1}. {SECTION_LABELS[s]}
            {flagged.has(s) ? <span className="ml-1 text-red-600">●</span> : null}
          </button>
        ))}
      </nav>
      {step === "target" && <TargetStep {...p} next={() => setStep("basic")} />}
      {step === "basic" && <BasicStep {...p} next={() => setStep("education")} />}
      {step === "education" && <EducationStep {...p} next={() => setStep("work")} />}
      {step === "work" && <WorkStep {...p} next={() => setStep("title")} />}
      {step === "title" && <TitleStep {...p} next={() => setStep("achievements")} />}
      {step === "achievements" && <AchievementsStep {...p} next={() => setStep("photo")} />}
      {step === "photo" && <PhotoStep {...p} next={() => setStep("pledge")} />}
      {step === "pledge" && <PledgeStep {...p} />}
    </div>
  );
}

/** What a step gets: the form's props at the latest saved version, and the callback recording a save's version. */
type SavingProps = DeclarationFormProps & { onSaved: (version: number) => void };
type StepProps = SavingProps & { next: () => void };

/** A section action's answer: on success record its version and go on; else show the field errors. */
function afterSave<T extends FieldValues>(p: StepProps, setError: UseFormSetError<T>) {
  return (r: ActionResult<{ version: number }>) => {
    if (r.ok) {
      p.onSaved(r.data.version);
      p.next();
    } else applyFieldErrors(setError)(r);
  };
}

function SaveBar({ busy, outcome }: { busy: boolean; outcome: ReturnType<typeof useActionRunner>["outcome"] }) {
  return (
    <div className="space-y-2 sm:col-span-2">
      <Button type="submit" disabled={busy}>
        {busy ? "正在保存…" : "保存并下一步"}
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 申报专业与级别 of a draft not yet submitted (the batch stays; its committee's filing must cover the choice). */
function TargetStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const form = useForm({
    resolver: zodResolver(targetSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, specialty: p.target.specialty, targetLevel: p.target.targetLevel },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) => run(() => saveTargetAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="申报专业与级别">
      <Field label="申报级别" htmlFor="t-level" required error={e.targetLevel?.message} hint="更改后请重新核对申报条件并确认诚信承诺">
        <Select id="t-level" {...form.register("targetLevel")}>
          {p.target.levels.map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="申报专业" htmlFor="t-specialty" required error={e.specialty?.message}>
        <Input id="t-specialty" {...form.register("specialty")} aria-invalid={!!e.specialty} />
      </Field>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

function BasicStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const b = p.basic;
  const form = useForm({
    resolver: zodResolver(basicSectionSchema, undefined, { raw: true }),
    defaultValues: {
      declarationId: p.declarationId,
      version: p.version,
      unitOrgId: p.unitOrgId ?? "",
      gender: (b?.gender as (typeof GENDERS)[number]) ?? "男",
      birthDate: b?.birthDate ?? "",
      phone: b?.phone ?? "",
      email: b?.email ?? "",
      department: b?.department ?? "",
      post: b?.post ?? "",
      employment: b?.employment ?? "in_service",
    },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) => run(() => saveBasicAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      <Field label="姓名" htmlFor="b-name">
        <Input id="b-name" value={p.personName} readOnly disabled />
      </Field>
      <Field label="证件号码" htmlFor="b-id" hint="与账号一致，不能修改">
        <Input id="b-id" value={p.idNumberMasked} readOnly disabled />
      </Field>
      <div className="sm:col-span-2">
        <Field label="所在单位或申报点" htmlFor="b-unit" required error={e.unitOrgId?.message} hint={p.unitLocked ? "已提交过的申报不能更换所在单位" : "无工作单位的（非公、自由职业）请选择所在地人社部门申报点"}>
          <Select id="b-unit" {...form.register("unitOrgId")} disabled={p.unitLocked}>
            <option value="">请选择</option>
            {p.unitOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="性别" htmlFor="b-gender" required error={e.gender?.message}>
        <Select id="b-gender" {...form.register("gender")}>
          {GENDERS.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </Select>
      </Field>
      <Field label="出生日期" htmlFor="b-birth" required error={e.birthDate?.message}>
        <Input id="b-birth" type="date" {...form.register("birthDate")} aria-invalid={!!e.birthDate} />
      </Field>
      <Field label="联系电话" htmlFor="b-phone" required error={e.phone?.message}>
        <Input id="b-phone" inputMode="tel" {...form.register("phone")} aria-invalid={!!e.phone} />
      </Field>
      <Field label="电子邮箱" htmlFor="b-email" error={e.email?.message}>
        <Input id="b-email" type="email" {...form.register("email")} aria-invalid={!!e.email} />
      </Field>
      <Field label="所在部门（二级单位）" htmlFor="b-dept" error={e.department?.message}>
        <Input id="b-dept" {...form.register("department")} />
      </Field>
      <Field label="现任岗位" htmlFor="b-post" required error={e.post?.message}>
        <Input id="b-post" {...form.register("post")} aria-invalid={!!e.post} />
      </Field>
      <Field label="人员状态" htmlFor="b-employment" required error={e.employment?.message} hint="退休人员不能申报职称；单位审核时将核实人员状态">
        <Select id="b-employment" {...form.register("employment")}>
          {EMPLOYMENT_STATUSES.map((k) => (
            <option key={k} value={k}>
              {EMPLOYMENT_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

function EntryBox({ title, onRemove, children }: { title: string; onRemove?: () => void; children: React.ReactNode }) {
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:col-span-2 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium text-slate-700">{title}</legend>
      {children}
      {onRemove ? (
        <div className="sm:col-span-2">
          <Button type="button" variant="secondary" size="sm" onClick={onRemove}>
            删除此条
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

function EducationStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const blank = (): DeclarationEducation => ({ id: newId(), level: "bachelor", school: "", major: "", from: "", to: "", degree: "", fullTime: true });
  const form = useForm({
    resolver: zodResolver(educationSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, entries: p.education.length ? p.education : [blank()] },
  });
  const list = useFieldArray({ control: form.control, name: "entries" });
  const e = form.formState.errors.entries;
  const onSubmit = form.handleSubmit((v) => run(() => saveEducationAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {list.fields.map((f, i) => (
        <EntryBox key={f.id} title={`学历 ${i + 1}`} onRemove={list.fields.length > 1 ? () => list.remove(i) : undefined}>
          <Field label="学历" htmlFor={`e-${i}-level`} required>
            <Select id={`e-${i}-level`} {...form.register(`entries.${i}.level`)}>
              {EDUCATION_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {EDUCATION_LABELS[l]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="毕业院校" htmlFor={`e-${i}-school`} required error={e?.[i]?.school?.message}>
            <Input id={`e-${i}-school`} {...form.register(`entries.${i}.school`)} />
          </Field>
          <Field label="所学专业" htmlFor={`e-${i}-major`} required error={e?.[i]?.major?.message}>
            <Input id={`e-${i}-major`} {...form.register(`entries.${i}.major`)} />
          </Field>
          <Field label="学位" htmlFor={`e-${i}-degree`} error={e?.[i]?.degree?.message}>
            <Input id={`e-${i}-degree`} {...form.register(`entries.${i}.degree`)} />
          </Field>
          <Field label="入学时间" htmlFor={`e-${i}-from`} required error={e?.[i]?.from?.message}>
            <Input id={`e-${i}-from`} type="date" {...form.register(`entries.${i}.from`)} />
          </Field>
          <Field label="毕业时间" htmlFor={`e-${i}-to`} required error={e?.[i]?.to?.message}>
            <Input id={`e-${i}-to`} type="date" {...form.register(`entries.${i}.to`)} />
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register(`entries.${i}.fullTime`)} /> 全日制
          </label>
        </EntryBox>
      ))}
      <div className="sm:col-span-2">
        <Button type="button" variant="secondary" size="sm" onClick={() => list.append(blank())}>
          添加学历
        </Button>
      </div>
      <div className="sm:col-span-2">
        <AttachmentSlot declarationId={p.declarationId} slot="education" label="学历、学位证书" attachments={p.attachments} />
      </div>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

function WorkStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const blank = (): DeclarationWork => ({ id: newId(), from: "", to: null, employer: "", post: "" });
  const form = useForm({
    resolver: zodResolver(workSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, entries: p.work.length ? p.work : [blank()] },
  });
  const list = useFieldArray({ control: form.control, name: "entries" });
  const e = form.formState.errors.entries;
  const onSubmit = form.handleSubmit((v) => run(() => saveWorkAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {list.fields.map((f, i) => (
        <EntryBox key={f.id} title={`工作经历 ${i + 1}`} onRemove={list.fields.length > 1 ? () => list.remove(i) : undefined}>
          <Field label="工作单位" htmlFor={`w-${i}-employer`} required error={e?.[i]?.employer?.message}>
            <Input id={`w-${i}-employer`} {...form.register(`entries.${i}.employer`)} />
          </Field>
          <Field label="岗位/职务" htmlFor={`w-${i}-post`} required error={e?.[i]?.post?.message}>
            <Input id={`w-${i}-post`} {...form.register(`entries.${i}.post`)} />
          </Field>
          <Field label="开始时间" htmlFor={`w-${i}-from`} required error={e?.[i]?.from?.message}>
            <Input id={`w-${i}-from`} type="date" {...form.register(`entries.${i}.from`)} />
          </Field>
          <Field label="结束时间" htmlFor={`w-${i}-to`} error={e?.[i]?.to?.message} hint="至今请留空">
            <Input id={`w-${i}-to`} type="date" {...form.register(`entries.${i}.to`, { setValueAs: (v: string | null) => (v ? v : null) })} />
          </Field>
        </EntryBox>
      ))}
      <div className="sm:col-span-2">
        <Button type="button" variant="secondary" size="sm" onClick={() => list.append(blank())}>
          添加工作经历
        </Button>
      </div>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

function TitleStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const form = useForm({
    resolver: zodResolver(titleSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, currentTitle: p.currentTitle ?? "", currentTitleLevel: p.currentTitleLevel, currentTitleDate: p.currentTitleDate },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) => run(() => saveTitleAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {p.requiredTitleLevel ? (
        <div className="sm:col-span-2">
          <Notice>须逐级申报：申报该级别须已取得{TITLE_LEVEL_LABELS[p.requiredTitleLevel]}职称。</Notice>
        </div>
      ) : null}
      <Field label="现任职称（资格名称）" htmlFor="t-title" error={e.currentTitle?.message} hint="如：讲师、工程师">
        <Input id="t-title" {...form.register("currentTitle")} />
      </Field>
      <Field label="级别" htmlFor="t-level" error={e.currentTitleLevel?.message}>
        <Select id="t-level" {...form.register("currentTitleLevel", { setValueAs: (v: string | null) => (v ? v : null) })}>
          <option value="">无</option>
          {TITLE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="取得时间" htmlFor="t-date" error={e.currentTitleDate?.message}>
        <Input id="t-date" type="date" {...form.register("currentTitleDate", { setValueAs: (v: string | null) => (v ? v : null) })} />
      </Field>
      <div className="sm:col-span-2">
        <AttachmentSlot declarationId={p.declarationId} slot="title" label="现任职称证书" attachments={p.attachments} />
      </div>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

function AchievementsStep(p: StepProps) {
  const { outcome, busy, run } = useActionRunner();
  const blank = (): DeclarationAchievement => ({ id: newId(), kind: "paper", title: "", detail: "", date: "", attachmentId: null });
  const form = useForm({
    resolver: zodResolver(achievementsSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, entries: p.achievements },
  });
  const list = useFieldArray({ control: form.control, name: "entries" });
  const e = form.formState.errors.entries;
  const onSubmit = form.handleSubmit((v) => run(() => saveAchievementsAction({ ...v, version: p.version }), afterSave(p, form.setError)));
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {list.fields.length === 0 ? <p className="text-sm text-slate-500 sm:col-span-2">尚未添加业绩成果（论文、项目、奖项、专利）。</p> : null}
      {list.fields.map((f, i) => (
        <EntryBox key={f.id} title={`业绩成果 ${i + 1}`} onRemove={() => list.remove(i)}>
          <Field label="类型" htmlFor={`a-${i}-kind`} required>
            <Select id={`a-${i}-kind`} {...form.register(`entries.${i}.kind`)}>
              {ACHIEVEMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ACHIEVEMENT_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="时间" htmlFor={`a-${i}-date`} required error={e?.[i]?.date?.message}>
            <Input id={`a-${i}-date`} type="date" {...form.register(`entries.${i}.date`)} />
          </Field>
          <div className="sm:col-span-2">
            <Field label="名称" htmlFor={`a-${i}-title`} required error={e?.[i]?.title?.message}>
              <Input id={`a-${i}-title`} {...form.register(`entries.${i}.title`)} />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Field label="说明（刊物、级别、本人排名等）" htmlFor={`a-${i}-detail`} error={e?.[i]?.detail?.message}>
              <textarea id={`a-${i}-detail`} rows={2} className={inputClass} {...form.register(`entries.${i}.detail`)} />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <AttachmentSlot
              declarationId={p.declarationId}
              slot={`achievement:${form.getValues(`entries.${i}.id`)}`}
              label="证明材料（可选）"
              attachments={p.attachments}
              onUploaded={(id) => form.setValue(`entries.${i}.attachmentId`, id)}
            />
          </div>
        </EntryBox>
      ))}
      <div className="sm:col-span-2">
        <Button type="button" variant="secondary" size="sm" onClick={() => list.append(blank())}>
          添加业绩成果
        </Button>
      </div>
      <SaveBar busy={busy} outcome={outcome} />
    </form>
  );
}

type PhotoReply = { ok: true; photoId: string; version: number; message: string } | { ok: false; message: string; errors?: { code: string; message: string }[] };

/**
 * 证件照: the back-fill's photo tool (choose or take a photo, frame it, live checks, certificate preview); 「上传」 sends
 * the framed JPEG to /api/declarations/<id>/photo, which checks and normalises it on the server. The upload is saved
 * at once (the declaration's version moves on, the 诚信承诺 is cleared like any other change).
 */
function PhotoStep(p: StepProps) {
  const router = useRouter();
  const [uploaded, setUploaded] = useState<string | null>(null);
  const photoId = uploaded ?? p.photoId;
  const [toolOpen, setToolOpen] = useState(photoId === null);
  const [uploading, setUploading] = useState(false);
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string; details?: string[] } | null>(null);
  const upload = async (blob: Blob) => {
    setUploading(true);
    setFeedback(null);
    try {
      const res = await fetch(`/api/declarations/${p.declarationId}/photo?version=${p.version}`, {
        method: "POST",
        headers: { "Content-Type": blob.type || "image/jpeg", "X-File-Name": encodeURIComponent("photo.jpg") },
        body: blob,
      });
      const reply = (await res.json().catch(() => ({ ok: false, message: "上传失败，请稍后重试" }))) as PhotoReply;
      if (reply.ok) {
        p.onSaved(reply.version);
        setUploaded(reply.photoId);
        setToolOpen(false);
        setFeedback({ ok: true, text: reply.message });
        router.refresh();
      } else {
        const details = reply.errors && reply.errors.length > 1 ? reply.errors.map((e) => e.message) : undefined;
        setFeedback({ ok: false, text: details ? "照片未通过检查：" : reply.message, details });
      }
    } catch {
      setFeedback({ ok: false, text: "网络异常，照片未上传，请稍后重试" });
    } finally {
      setUploading(false);
    }
  };
  return (
    <div className="space-y-4" data-testid="photo-step">
      <p className="text-sm leading-relaxed text-slate-600">
        请上传本人近期正面免冠证件照（白色背景）。照片经服务器检查并裁剪为 295×413 像素后保存，供审核单位核对，评审通过后印制在职称电子证书上。
      </p>
      {feedback ? (
        <div data-testid="photo-feedback">
          <Notice tone={feedback.ok ? "success" : "error"}>
            {feedback.text}
            {feedback.details ? (
              <ul className="mt-1 list-disc pl-5">
                {feedback.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
        </div>
      ) : null}
      {photoId ? (
        <figure className="space-y-1">
          {/* eslint-disable-next-line @next/next/no-img-element -- private, uncacheable photo served by our handler */}
          <img src={`/api/photos/${photoId}`} alt="已上传的证件照" width={148} height={207} className="h-[207px] w-[148px] border border-slate-300 bg-white object-cover" data-testid="declaration-photo" />
          <figcaption className="text-xs text-slate-500">已上传的证件照（服务器处理后，295×413 像素）</figcaption>
        </figure>
      ) : (
        <Notice tone="warning">尚未上传证件照，提交申报前须上传。</Notice>
      )}
      {toolOpen ? (
        <section aria-label="照片工具" className="space-y-3 border-t border-slate-100 pt-4">
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-semibold text-slate-800">照片工具：选择或拍摄照片，裁剪后上传</h3>
            {photoId ? (
              <Button size="sm" variant="ghost" onClick={() => setToolOpen(false)} disabled={uploading}>
                收起
              </Button>
            ) : null}
          </div>
          <PhotoTool onReady={upload} busy={uploading} submitLabel="上传" certificate={{ name: p.personName }} />
        </section>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setToolOpen(true)}>
          更换照片
        </Button>
      )}
      <div>
        <Button type="button" onClick={p.next} disabled={uploading}>
          下一步
        </Button>
      </div>
    </div>
  );
}

/** Upload (PDF/JPEG/PNG, ≤ 10 MB) and list of one material slot. */
function AttachmentSlot({ declarationId, slot, label, attachments, onUploaded }: { declarationId: string; slot: string; label: string; attachments: AttachmentMeta[]; onUploaded?: (id: string) => void }) {
  const router = useRouter();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = attachments.filter((a) => a.slot === slot);
  const upload = async (file: File) => {
    setBusy(true);
    setMsg(null);
    try {
      const res = await fetch(`/api/declarations/${declarationId}/attachments?slot=${encodeURIComponent(slot)}&name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
      const body = (await res.json()) as { ok: boolean; message?: string; attachment?: { id: string } };
      setMsg(body.ok ? { ok: true, text: "已上传" } : { ok: false, text: body.message ?? "上传失败" });
      if (body.ok && body.attachment) onUploaded?.(body.attachment.id);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    const res = await fetch(`/api/declarations/attachments/${id}`, { method: "DELETE" });
    const body = (await res.json()) as { ok: boolean; message?: string };
    setMsg(body.ok ? { ok: true, text: "已删除" } : { ok: false, text: body.message ?? "删除失败" });
    router.refresh();
  };
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-3 text-sm">
      <div className="font-medium text-slate-700">{label}</div>
      {mine.length > 0 ? (
        <ul className="space-y-1">
          {mine.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <a className="text-brand-700 underline" href={`/api/declarations/attachments/${a.id}`}>
                {a.fileName}
              </a>
              <span className="text-xs text-slate-500">{(a.size / 1024).toFixed(0)} KB</span>
              <button type="button" className="text-xs text-red-600 underline" onClick={() => void remove(a.id)}>
                删除
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        disabled={busy}
        aria-label={`上传${label}`}
        onChange={(ev) => {
          const f = ev.target.files?.[0];
          if (f) void upload(f);
          ev.target.value = "";
        }}
        className="block w-full text-sm"
      />
      <p className="text-xs text-slate-500">PDF、JPEG 或 PNG，单个不超过10MB，每份申报合计不超过50MB。</p>
      {msg ? <Notice tone={msg.ok ? "success" : "error"}>{msg.text}</Notice> : null}
    </div>
  );
}

function PledgeStep(p: SavingProps) {
  const { outcome, busy, run } = useActionRunner();
  const [checked, setChecked] = useState(p.pledgeAccepted);
  // Accepted here: shown (and 提交 enabled) at once, not only when the refreshed page says so.
  const [acceptedHere, setAcceptedHere] = useState(false);
  const pledged = p.pledgeAccepted || acceptedHere;
  const [confirm, setConfirm] = useState<"submit" | "withdraw" | null>(null);
  const acceptPledge = () =>
    run(
      () => acceptPledgeAction({ declarationId: p.declarationId, version: p.version, accepted: true }),
      (r) => {
        if (!r.ok) return;
        p.onSaved(r.data.version);
        setAcceptedHere(true);
      },
    );
  const el = p.eligibility;
  return (
    <div className="space-y-4">
      <section className="space-y-2 rounded-md border border-slate-200 p-4 text-sm" data-testid="eligibility-panel">
        <h3 className="font-semibold text-slate-800">申报条件</h3>
        {el.yearsRequired !== null && el.education ? (
          <p>
            {EDUCATION_LABELS[el.education]}学历，{p.requiredTitleLevel ? `取得${TITLE_LEVEL_LABELS[p.requiredTitleLevel]}职称后` : "参加工作后"}须满{el.yearsRequired}年。
          </p>
        ) : null}
        <p>
          年限计算至 {el.countTo}：{el.countFrom ? `自 ${el.countFrom} 起共 ${el.yearsCounted} 年` : "尚未填写起算时间"}
          {el.eligibleOn ? `；${el.eligibleOn} 起符合年限要求` : ""}。
        </p>
        {p.bar ? <Notice tone="error">{p.bar.message}。</Notice> : null}
        {el.ok ? <Notice tone="success">符合申报条件。</Notice> : <Notice tone="warning">{el.problems.join("；")}</Notice>}
      </section>
      {!el.ok && el.waivable ? <ExceptionalBox {...p} /> : null}
      <section className="space-y-2 rounded-md border border-slate-200 p-4 text-sm">
        <h3 className="font-semibold text-slate-800">诚信承诺</h3>
        <p className="leading-relaxed text-slate-600">
          本人承诺：所填报的信息和提交的材料真实、准确、完整，无伪造、抄袭、冒名顶替等弄虚作假行为。如有不实，本人愿承担相应责任，并接受撤销职称、记入诚信档案、三年内不得申报等处理。
        </p>
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={checked} onChange={(ev) => setChecked(ev.target.checked)} className="mt-1" />
          <span>我已阅读并同意以上诚信承诺</span>
        </label>
        {!pledged ? (
          <Button type="button" size="sm" disabled={!checked || busy} onClick={acceptPledge}>
            确认承诺
          </Button>
        ) : (
          <p className="text-green-700">已确认诚信承诺。</p>
        )}
      </section>
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={busy || !pledged || p.bar !== null} onClick={() => setConfirm("submit")}>
          提交申报
        </Button>
        {p.canWithdraw ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => setConfirm("withdraw")}>
            撤回申报
          </Button>
        ) : null}
      </div>
      {confirm === "submit" ? (
        <ConfirmBox
          question="提交后将由所在单位审核，审核期间不能修改。确认提交？"
          confirmLabel="确认提交"
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={() => run(() => submitDeclarationAction({ declarationId: p.declarationId, version: p.version }), () => setConfirm(null))}
        />
      ) : null}
      {confirm === "withdraw" ? (
        <ConfirmBox
          question="撤回后本申报终止，可在本批次重新申报。确认撤回？"
          confirmLabel="确认撤回"
          danger
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={() => run(() => withdrawDeclarationAction({ declarationId: p.declarationId, version: p.version }), () => setConfirm(null))}
        />
      ) : null}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/**
 * 破格申报: offered when the rule fails where 破格 may cover it (years, one level up, education). The reason is
 * saved like a section (it clears the 诚信承诺); the forming organisation must approve it before 受理.
 */
function ExceptionalBox(p: SavingProps) {
  const { outcome, busy, run } = useActionRunner();
  const form = useForm({
    resolver: zodResolver(exceptionalSectionSchema, undefined, { raw: true }),
    defaultValues: { declarationId: p.declarationId, version: p.version, requested: p.exceptionalReason !== null, reason: p.exceptionalReason ?? "" },
  });
  const requested = useWatch({ control: form.control, name: "requested" });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) => run(() => saveExceptionalAction({ ...v, version: p.version }), (r) => (r.ok ? p.onSaved(r.data.version) : applyFieldErrors(form.setError)(r))));
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="exceptional-box" noValidate>
      <h3 className="font-semibold text-slate-800">破格申报</h3>
      <p className="text-slate-600">不符合上述申报条件、但业绩特别突出的，可以申请破格申报。破格申报须说明理由，并经评委会组建单位批准后方可受理。</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-1" {...form.register("requested")} />
        <span>申请破格申报</span>
      </label>
      {requested ? (
        <Field label="破格申报理由" htmlFor="ex-reason" required error={e.reason?.message} hint={`请写明突出业绩，至少10个字，最多${EXCEPTIONAL_REASON_MAX}个字`}>
          <textarea id="ex-reason" rows={4} className={inputClass} {...form.register("reason")} aria-invalid={!!e.reason} />
        </Field>
      ) : null}
      <Button type="submit" size="sm" disabled={busy}>
        {busy ? "正在保存…" : requested ? "保存破格申请" : p.exceptionalReason !== null ? "取消破格申请" : "保存"}
      </Button>
      <OutcomeNotice outcome={outcome} />
    </form>
  );
}
