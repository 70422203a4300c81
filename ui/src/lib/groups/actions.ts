// What the person can do with a Compose project, in the UI's words: the context menu's items for a
// member or a collapsed project, and the hint when something is dropped on a collapsed project. Pure.
import type { MenuItem } from "../endpoints/menus";
import type { TopologyIndex } from "../topologyIndex";
import { projectOf, projectOfId } from "./collapse";

export interface ProjectActions {
  collapse(project: string): void;
  expand(project: string): void;
  select(id: string): void;
}

const item = (id: string, label: string, run: () => void): MenuItem => ({ id, label, subtitle: null, disabled: false, items: null, run });

/** The project items for a node: "Collapse project …" on a member, "Expand project …" on a collapsed project. */
export function projectMenuItems(id: string, index: TopologyIndex, act: ProjectActions): MenuItem[] {
  const collapsed = projectOfId(id);
  if (collapsed !== null) {
    return [item("expand-project", `Expand project ${collapsed}`, () => act.expand(collapsed)), item("details", "Show details", () => act.select(id))];
  }
  const node = index.node(id);
  const project = node ? projectOf(node) : null;
  return project === null ? [] : [item("collapse-project", `Collapse project ${project}`, () => act.collapse(project))];
}

/** Why a drop on a collapsed project does nothing, and what to do instead. */
export function collapsedDropHint(project: string): string {
  return `Project ${project} is collapsed: expand it (right-click it, Expand) to drop onto one of its networks.`;
}
