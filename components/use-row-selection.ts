"use client";

import { useState, type ChangeEvent } from "react";

/** Row selection of one table page: the chosen rows, a per-row toggle and the props of the "select all" box. */
export function useRowSelection<T extends { id: string }>(selectable: readonly T[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const chosen = selectable.filter((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const clear = () => setSelected(new Set());
  const selectAllProps = {
    type: "checkbox" as const,
    checked: selectable.length > 0 && chosen.length === selectable.length,
    disabled: selectable.length === 0,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setSelected(e.target.checked ? new Set(selectable.map((r) => r.id)) : new Set()),
  };
  return { selected, chosen, toggle, clear, selectAllProps };
}
