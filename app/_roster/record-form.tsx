"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { GENDER_LABELS, GENDERS, ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, OBTAIN_METHODS, TITLE_LEVEL_LABELS, type TitleLevel } from "@/lib/roster/constants";
import { rosterRecordSchema, type RosterRecordFieldsInput } from "@/lib/roster/schemas";
import { defaultTitleOf } from "@/lib/roster/title-codes";
import { ID_TYPES } from "@/lib/validation/id-number";
import { createRosterRecordAction, deleteRosterRecordsAction, updateRosterRecordAction } from "./actions";

type Props = {
  committeeId: string;
  series: string;
  levels: TitleLevel[];
  listPath: string;
  /** Present when editing a draft. */
  record?: { id: string; version: number; values: RosterRecordFieldsInput };
};

const EMPTY = (series: string, level: TitleLevel): RosterRecordFieldsInput => ({
  name: "",
  gender: "",
  birthDate: "",
  idType: "resident",
  idNumber: "",
  nationality: "",
  workUnit: "",
  series: series as RosterRecordFieldsInput["series"],
  specialty: "",
  qualificationName: defaultTitleOf(series, level) ?? "",
  level,
  obtainMethod: "review",
  passDate: "",
  approvalNo: "",
  issuingAuthority: "",
  issueDate: "",
});

/** 手工录入 / 修改草稿: the shared zod schema validates here and again in the server action. */
export function RosterRecordForm({ committeeId, series, levels, listPath, record }: Props) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, setValue, getValues, control } = useForm<RosterRecordFieldsInput>({
    resolver: zodResolver(rosterRecordSchema, undefined, { raw: true }),
    mode: "onBlur",
    defaultValues: record?.values ?? EMPTY(series, levels[0]),
  });
  const errors = formState.errors;
  const idType = useWatch({ control, name: "idType" });

  const onSubmit = handleSubmit((values) => {
    setResult(null);
    startTransition(async () => {
      const r = record
        ? await updateRosterRecordAction({ ...values, id: record.id, version: record.version })
        : await createRosterRecordAction({ ...values, committeeId });
      if (!r.ok) {
        for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof RosterRecordFieldsInput, { message: msg });
        setResult({ ok: false, message: r.message });
        return;
      }
      if (r.data.glyphWarnings.length) {
        // Saved, but a character prints with the fallback font: stay so the user reads why.
        setResult({ ok: true, message: r.message ?? "已保存" });
        setSaved(true);
        router.refresh();
        return;
      }
      router.push(listPath);
      router.refresh();
    });
  });

  const onLevelChange = (level: TitleLevel) => {
    const suggestion = defaultTitleOf(series, level);
    const current = getValues("qualificationName");
    const wasDefault = !current || levels.some((l) => defaultTitleOf(series, l) === current);
    if (suggestion && wasDefault) setValue("qualificationName", suggestion);
  };

  const remove = () =>
    startTransition(async () => {
      if (!record) return;
      const r = await deleteRosterRecordsAction({ committeeId, records: [{ id: record.id, version: record.version }] });
      if (!r.ok) {
        setResult({ ok: false, message: r.message });
        setConfirmDelete(false);
        return;
      }
      router.push(listPath);
      router.refresh();
    });

  const field = (name: keyof RosterRecordFieldsInput) => ({ id: name, "aria-invalid": !!errors[name], ...register(name) });
  const derivable = idType !== "passport";

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {result && <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice>}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">人员信息</legend>
        <Field label="姓名" htmlFor="name" error={errors.name?.message} required>
          <Input {...field("name")} />
        </Field>
        <Field label="证件类型" htmlFor="idType" error={errors.idType?.message} required>
          <Select {...field("idType")}>
            {ID_TYPES.map((t) => (
              <option key={t} value={t}>
                {ID_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="证件号码" htmlFor="idNumber" error={errors.idNumber?.message} required>
          <Input {...field("idNumber")} autoComplete="off" className="font-mono" />
        </Field>
        <Field label="国籍" htmlFor="nationality" error={errors.nationality?.message} required={!derivable} hint={derivable ? "居民身份证默认为中国" : undefined}>
          <Input {...field("nationality")} />
        </Field>
        <Field label="性别" htmlFor="gender" error={errors.gender?.message} required={!derivable} hint={derivable ? "可不填，由证件号码识别" : undefined}>
          <Select {...field("gender")}>
            <option value="">{derivable ? "由证件号码识别" : "请选择"}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {GENDER_LABELS[g]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="出生日期" htmlFor="birthDate" error={errors.birthDate?.message} required={!derivable} hint={derivable ? "可不填，由证件号码识别" : undefined}>
          <Input type="date" {...field("birthDate")} />
        </Field>
        <div className="sm:col-span-2">
          <Field label="工作单位" htmlFor="workUnit" error={errors.workUnit?.message} required>
            <Input {...field("workUnit")} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">职称资格</legend>
        <Field label="系列" htmlFor="series" error={errors.series?.message} required>
          <Select {...field("series")}>
            <option value={series}>{series}</option>
          </Select>
        </Field>
        <Field label="专业" htmlFor="specialty" error={errors.specialty?.message} required>
          <Input {...field("specialty")} />
        </Field>
        <Field label="级别" htmlFor="level" error={errors.level?.message} required>
          <Select {...register("level", { onChange: (e: { target: HTMLSelectElement }) => onLevelChange(e.target.value as TitleLevel) })} id="level" aria-invalid={!!errors.level}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {TITLE_LEVEL_LABELS[l]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="资格名称" htmlFor="qualificationName" error={errors.qualificationName?.message} required>
          <Input {...field("qualificationName")} />
        </Field>
        <Field label="取得方式" htmlFor="obtainMethod" error={errors.obtainMethod?.message} required>
          <Select {...field("obtainMethod")}>
            {OBTAIN_METHODS.map((m) => (
              <option key={m} value={m}>
                {OBTAIN_METHOD_LABELS[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="评审通过时间" htmlFor="passDate" error={errors.passDate?.message} required hint="其年份为取得年度，也是证书编号中的年份">
          <Input type="date" {...field("passDate")} />
        </Field>
        <Field label="批准文号" htmlFor="approvalNo" error={errors.approvalNo?.message} required>
          <Input {...field("approvalNo")} placeholder="如 黔人社厅发〔2020〕12号" />
        </Field>
        <Field label="发证机关" htmlFor="issuingAuthority" error={errors.issuingAuthority?.message} hint="不填时为评委会组建单位">
          <Input {...field("issuingAuthority")} />
        </Field>
        <Field label="发证日期" htmlFor="issueDate" error={errors.issueDate?.message} hint="不填时同评审通过时间">
          <Input type="date" {...field("issueDate")} />
        </Field>
      </fieldset>

      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending || saved}>
          {pending ? "正在保存…" : record ? "保存修改" : "保存为草稿"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => router.push(listPath)} disabled={pending}>
          返回名册
        </Button>
        {record && !confirmDelete && (
          <Button type="button" variant="ghost" onClick={() => setConfirmDelete(true)} disabled={pending}>
            删除此草稿
          </Button>
        )}
        {record && confirmDelete && (
          <span className="flex items-center gap-2 text-sm text-red-700">
            确认删除？删除后不能恢复。
            <Button type="button" size="sm" variant="danger" onClick={remove} disabled={pending}>
              确认删除
            </Button>
            <Button type="button" size="sm" variant="secondary" onClick={() => setConfirmDelete(false)}>
              取消
            </Button>
          </span>
        )}
      </div>
    </form>
  );
}
