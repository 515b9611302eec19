#!/usr/bin/env python3
"""What blocks check beyond the catalog's field types, asked of the engine itself.

Several model blocks (the VLM families) check in a Pydantic `model_validator` that, say, `prompt`
is set when `task_type` is "visual-question-answering", and some compute their outputs from the
task. JSON Schema cannot say either, so the block catalog does not; this probes each manifest
with every task and records
  taskRequirements: {"<block type>": {"<task>": ["<field>", ...]}}  fields the engine then demands,
  emptyMeansMissing: {"<block type>": ["<field>", ...]}  of those, where [] or "" counts as missing,
  taskOutputs:      {"<block type>": {"<task>": [{"name", "kinds"}]}}  for blocks whose outputs
                    the manifest computes (get_actual_outputs), per task;
and, for every block, what the catalog's field types leave out:
  numericBounds:    {"<block type>": {"<property>": [{"type", "minimum"…}]}}  bounds of numbers.

  .engine/venv/bin/python engine/block_rules.py > src/core/validate/data/block-rules.json

test/engine/blockRules.engine.test.ts checks the stored file against this.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Dict, List, Optional, Tuple

import bridge

REQUIRED_FOR_TASK = re.compile(r"`(\w+)` (?:parameter required to be set for task|is required when task_type)")
# Values that satisfy the fields these validators ask for: a selector where one is taken, else a literal.
PLACEHOLDERS = ["$inputs.placeholder", {"answer": "the answer"}, ["a"], "text"]


def _enum_values(schema: Dict[str, Any]) -> List[str]:
    values: List[str] = []
    for alternative in [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]:
        values.extend(v for v in alternative.get("enum", []) if isinstance(v, str))
        if isinstance(alternative.get("const"), str):
            values.append(alternative["const"])
    return values


def _task_values(manifest: Any) -> List[str]:
    return sorted(set(_enum_values(manifest.model_json_schema().get("properties", {}).get("task_type", {}))))


def _required_for(manifest: Any, type_id: str, task: str) -> Tuple[Optional[List[str]], Optional[str]]:
    """The fields task `task` requires, or None and the problem the probe could not get past."""
    required, _, problem = _probe(manifest, type_id, task)
    return required, problem


def _probe(manifest: Any, type_id: str, task: str) -> Tuple[Optional[List[str]], Optional[Dict[str, Any]], Optional[str]]:
    """Fields task `task` requires and a payload that validates with them (or the problem met)."""
    payload: Dict[str, Any] = {"type": type_id, "name": "probe", "task_type": task}
    properties = manifest.model_json_schema().get("properties", {})
    for name, field in manifest.model_fields.items():
        if field.is_required() and name not in payload:
            key = field.alias if isinstance(field.alias, str) else name
            enum = _enum_values(properties.get(key, {}))
            payload[key] = enum[0] if enum else PLACEHOLDERS[0]
    required: List[str] = []
    for _ in range(8):
        problem = _problem(manifest, payload)
        if problem is None:
            return required, payload, None
        match = REQUIRED_FOR_TASK.search(problem)
        if not match or match.group(1) in required:
            return None, None, problem
        field = match.group(1)
        required.append(field)
        # The first placeholder the field takes (no complaint about the field itself any more).
        for candidate in PLACEHOLDERS:
            payload[field] = candidate
            problem = _problem(manifest, payload)
            if problem is None or not re.search(rf"^{field}(\.|$)", problem, re.M):
                break
    return None, None, "too many fields"


def _empty_means_missing(manifest: Any, type_id: str, task: str) -> List[str]:
    """Required fields an empty value ([], "", {}) does not satisfy (`if not self.classes`)."""
    required, payload, _ = _probe(manifest, type_id, task)
    found: List[str] = []
    for field in required or []:
        for empty in ([], "", {}):
            problem = _problem(manifest, {**payload, field: empty})
            match = problem and REQUIRED_FOR_TASK.search(problem)
            if match and match.group(1) == field:
                found.append(field)
                break
    return found


BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _numeric_bounds(manifest: Any) -> Dict[str, List[Dict[str, Any]]]:
    """Per property, the numeric alternatives that carry bounds (`FloatZeroToOne`, `gt=0`…)."""
    schema = manifest.model_json_schema()
    definitions = schema.get("$defs", {})
    out: Dict[str, List[Dict[str, Any]]] = {}
    for name, prop in schema.get("properties", {}).items():
        found = []
        for alternative in [prop, *prop.get("anyOf", []), *prop.get("oneOf", [])]:
            if "$ref" in alternative:
                alternative = definitions.get(alternative["$ref"].split("/")[-1], {})
            if alternative.get("type") in ("number", "integer") and any(k in alternative for k in BOUNDS):
                found.append({k: alternative[k] for k in ("type", *BOUNDS) if k in alternative})
        if found:
            out[name] = found
    return out


def _computes_outputs(manifest: Any) -> bool:
    from roboflow_workflows.prototypes.block import WorkflowBlockManifest

    return any("get_actual_outputs" in vars(cls) for cls in manifest.__mro__ if cls is not WorkflowBlockManifest)


def _outputs_for(manifest: Any, type_id: str, task: str) -> Optional[List[Dict[str, Any]]]:
    _, payload, _ = _probe(manifest, type_id, task)
    if payload is None:
        return None
    outputs = manifest.model_validate(payload).get_actual_outputs()
    return [{"name": o.name, "kinds": sorted(k if isinstance(k, str) else k.name for k in o.kind)} for o in outputs]


def _problem(manifest: Any, payload: Dict[str, Any]) -> Optional[str]:
    try:
        manifest.model_validate(payload)
        return None
    except Exception as error:  # noqa: BLE001 - a ValidationError whose text names the field
        return str(error)


def main() -> int:
    bridge._quiet_import()
    from roboflow_workflows.execution_engine.introspection.blocks_loader import load_workflow_blocks

    out: Dict[str, Dict[str, List[str]]] = {}
    task_outputs: Dict[str, Dict[str, List[Dict[str, Any]]]] = {}
    empty_means_missing: Dict[str, List[str]] = {}
    numeric_bounds: Dict[str, Dict[str, List[Dict[str, Any]]]] = {}
    problems: List[str] = []
    for block in load_workflow_blocks():
        manifest = block.manifest_class
        type_id = manifest.model_fields["type"].annotation.__args__[0]
        bounds = _numeric_bounds(manifest)
        if bounds:
            numeric_bounds[type_id] = bounds
        if "task_type" not in manifest.model_fields:
            continue
        per_task: Dict[str, List[str]] = {}
        for task in _task_values(manifest):
            required, problem = _required_for(manifest, type_id, task)
            if required is None:
                problems.append(f"{type_id} task {task}: the probe did not validate: {problem}")
            elif required:
                per_task[task] = sorted(required)
        if per_task:
            out[type_id] = per_task
            empty = sorted({f for task in per_task for f in _empty_means_missing(manifest, type_id, task)})
            if empty:
                empty_means_missing[type_id] = empty
        if _computes_outputs(manifest):
            outputs = {task: _outputs_for(manifest, type_id, task) for task in _task_values(manifest)}
            task_outputs[type_id] = {task: o for task, o in outputs.items() if o is not None}
    for problem in problems:
        sys.stderr.write(problem + "\n")
    rules = {"taskRequirements": out, "emptyMeansMissing": empty_means_missing, "taskOutputs": task_outputs, "numericBounds": numeric_bounds}
    sys.stdout.write(json.dumps(rules, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
