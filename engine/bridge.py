#!/usr/bin/env python3
"""Bridge from the extension's build and tests to Roboflow's real Execution Engine.

It calls only the engine's public entry points, so what it prints is what a server running the same
engine would answer:

  version              the engine package, the Execution Engine versions it serves, Python.
  describe             `POST /workflows/blocks/describe` without dynamic blocks, as the server serialises it.
  facts                per block, what describe leaves out: batch parameters, init parameters, enterprise.
  compile [FILE...]    per definition, what `POST /workflows/validate` answers: `{"ok": true}`, or
                       `{"ok": false, "status", "error_type", "message", "body"}` (the server's error body).
                       Without files, reads one JSON value per line on stdin (a definition, or
                       `{"id": …, "definition": …}`) and answers each on its own line as soon as it is
                       compiled, so one process serves thousands of definitions.

Enterprise blocks are loaded through the engine's own plugin mechanism (`WORKFLOWS_PLUGINS`), as the
inference server does when they are installed.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
import traceback
import warnings
from typing import Any, Dict, Iterable, List, Optional

ENTERPRISE_PLUGIN = "roboflow_workflows.enterprise_blocks.loader"

# Before the engine is imported: its environment is read at import time.
# ENGINE_BRIDGE_CORE_ONLY=1 leaves the enterprise blocks out (to compare with an install without them).
if os.environ.get("ENGINE_BRIDGE_CORE_ONLY") == "1":
    os.environ.pop("WORKFLOWS_PLUGINS", None)
else:
    os.environ.setdefault("WORKFLOWS_PLUGINS", ENTERPRISE_PLUGIN)
os.environ.setdefault("OFFLINE_MODE", "True")
os.environ.setdefault("METRICS_ENABLED", "False")
os.environ.setdefault("DISABLE_VERSION_CHECK", "True")
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)


def _quiet_import():
    """Imports the engine with its import-time chatter kept off stdout (stdout carries our answers)."""
    with contextlib.redirect_stdout(sys.stderr):
        from roboflow_workflows.execution_engine.core import ExecutionEngine, get_available_versions
        from roboflow_workflows.http_contract.describe import describe_workflows_blocks
        from roboflow_workflows.http_contract.errors import workflow_error_payload
    return ExecutionEngine, get_available_versions, describe_workflows_blocks, workflow_error_payload


def _write(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str))
    sys.stdout.write("\n")
    sys.stdout.flush()


def version_info() -> Dict[str, Any]:
    import importlib.metadata as metadata
    import platform

    _, get_available_versions, _, _ = _quiet_import()
    return {
        "roboflow_workflows": metadata.version("roboflow-workflows"),
        "execution_engine_versions": [str(v) for v in get_available_versions()],
        "python": platform.python_version(),
    }


def describe() -> Dict[str, Any]:
    _, _, describe_workflows_blocks, _ = _quiet_import()
    # FastAPI serialises a response model with its aliases; `mode="json"` turns sets and enums into JSON.
    return describe_workflows_blocks().model_dump(mode="json", by_alias=True)


def _manifest_fact(manifest: Any, method: str) -> Any:
    value = getattr(manifest, method)()
    if isinstance(value, (set, tuple)):
        return sorted(value)
    return value


def _overrides(manifest: Any, method: str) -> bool:
    from roboflow_workflows.prototypes.block import WorkflowBlockManifest

    return getattr(manifest, method) is not getattr(WorkflowBlockManifest, method) and any(
        method in vars(cls) for cls in manifest.__mro__ if cls is not WorkflowBlockManifest and issubclass(cls, WorkflowBlockManifest)
    )


def _field_aliases(manifest: Any) -> Dict[str, List[str]]:
    """Second spellings a field accepts (`image` for `images`): the JSON Schema names only one."""
    out: Dict[str, List[str]] = {}
    for name, field in manifest.model_fields.items():
        spellings: List[str] = []
        if isinstance(field.alias, str):
            spellings.append(field.alias)
        choices = getattr(field.validation_alias, "choices", None)
        if choices:
            spellings.extend(c for c in choices if isinstance(c, str))
        elif isinstance(field.validation_alias, str):
            spellings.append(field.validation_alias)
        extra = [s for s in dict.fromkeys(spellings) if s != name]
        if extra:
            out[name] = extra
    return out


def facts() -> Dict[str, Any]:
    _quiet_import()
    from roboflow_workflows.execution_engine.introspection.blocks_loader import load_workflow_blocks

    with contextlib.redirect_stdout(sys.stderr):
        blocks = load_workflow_blocks()
    out: Dict[str, Any] = {}
    for block in blocks:
        manifest = block.manifest_class
        type_field = manifest.model_fields["type"]
        type_ids = list(getattr(type_field.annotation, "__args__", ()))
        primary = type_ids[0] if type_ids else block.identifier
        out[primary] = {
            "identifier": block.identifier,
            # The engine names enterprise blocks by their legacy module path (inference.enterprise…).
            "enterprise": ".enterprise_blocks." in block.identifier,
            "init_parameters": sorted(block.block_class.get_init_parameters()),
            "accepts_batch_input": bool(manifest.accepts_batch_input()),
            "accepts_empty_values": bool(manifest.accepts_empty_values()),
            "parameters_accepting_batches": _manifest_fact(manifest, "get_parameters_accepting_batches"),
            "parameters_accepting_batches_and_scalars": _manifest_fact(manifest, "get_parameters_accepting_batches_and_scalars"),
            "parameters_enforcing_auto_batch_casting": _manifest_fact(manifest, "get_parameters_enforcing_auto_batch_casting"),
            "input_dimensionality_offsets": manifest.get_input_dimensionality_offsets(),
            "dimensionality_reference_property": manifest.get_dimensionality_reference_property(),
            "output_dimensionality_offset": manifest.get_output_dimensionality_offset(),
            "execution_engine_compatibility": manifest.get_execution_engine_compatibility(),
            "field_aliases": _field_aliases(manifest),
            # Outputs that depend on the step's configuration: the manifest computes them per step.
            "dynamic_outputs": _overrides(manifest, "get_actual_outputs")
            or any(o.name == "*" for o in manifest.describe_outputs()),
        }
    return {"blocks": out}


def _memoise_block_loading() -> None:
    """The engine lists its blocks again on every compile, re-parsing each block's version range:
    about 90% of a compile that misses its cache. The list depends only on the engine version, the
    plugins and the environment, all fixed for this process, so it is computed once per version.
    Verdicts do not change (test_bridge checks a memoised compiler against a plain one)."""
    from roboflow_workflows.execution_engine.introspection import blocks_loader
    from roboflow_workflows.execution_engine.v1.compiler import core as compiler_core
    from roboflow_workflows.execution_engine.v1.compiler import syntactic_parser

    original = blocks_loader.load_workflow_blocks
    if getattr(original, "memoised", False):
        return
    loaded: Dict[str, List[Any]] = {}

    def load_workflow_blocks(execution_engine_version=None, profiler=None):
        key = str(execution_engine_version)
        if key not in loaded:
            loaded[key] = original(execution_engine_version=execution_engine_version, profiler=profiler)
        return list(loaded[key])  # a copy: callers may extend it with dynamic blocks

    load_workflow_blocks.memoised = True  # type: ignore[attr-defined]
    load_workflow_blocks.original = original  # type: ignore[attr-defined]
    for module in (blocks_loader, compiler_core, syntactic_parser):
        module.load_workflow_blocks = load_workflow_blocks


class Compiler:
    """Compiles definitions the way `POST /workflows/validate` does, without running anything."""

    def __init__(self, memoise_blocks: bool = True) -> None:
        (self._engine, _, _, self._error_payload) = _quiet_import()
        if memoise_blocks and os.environ.get("ENGINE_BRIDGE_NO_MEMO") != "1":
            _memoise_block_loading()
        from roboflow_workflows.prototypes.block import StepExecutionMode

        # The server's validate route passes these; every other init parameter has the engine's own
        # default (core_steps/loader.py REGISTERED_INITIALIZERS). Model blocks only keep the model
        # manager at construction, and nothing is run, so no model manager is needed to compile.
        self._init_parameters = {
            "workflows_core.model_manager": None,
            "workflows_core.api_key": None,
            "workflows_core.background_tasks": None,
            "workflows_core.step_execution_mode": StepExecutionMode.LOCAL,
        }

    def compile(self, definition: Any) -> Dict[str, Any]:
        try:
            with contextlib.redirect_stdout(sys.stderr):
                engine = self._engine.init(
                    workflow_definition=definition,
                    init_parameters=dict(self._init_parameters),
                    prevent_local_images_loading=True,
                )
                close = getattr(engine, "close", None)
                if callable(close):
                    close()
            return {"ok": True}
        except Exception as error:  # noqa: BLE001 - every refusal is an answer, not a crash
            payload = self._error_payload(error)
            if payload is None:
                # What the server's generic handler answers for an exception it does not map.
                return {
                    "ok": False,
                    "status": 500,
                    "error_type": type(error).__name__,
                    "message": str(error),
                    "body": {"message": "Internal error."},
                    "unmapped": True,
                }
            status, body = payload
            return {
                "ok": False,
                "status": status,
                "error_type": body.get("error_type") or type(error).__name__,
                "message": body.get("message"),
                "context": body.get("context"),
                "body": body,
            }


def _stdin_items(stream: Iterable[str]) -> Iterable[Dict[str, Any]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield {"id": number, "parse_error": str(error)}
            continue
        if isinstance(value, dict) and "definition" in value and set(value) <= {"id", "definition"}:
            yield {"id": value.get("id", number), "definition": value["definition"]}
        else:
            yield {"id": number, "definition": value}


def compile_command(files: List[str], stdin: Optional[Iterable[str]] = None) -> int:
    compiler = Compiler()
    if files:
        for path in files:
            with open(path, "r", encoding="utf-8") as handle:
                try:
                    definition = json.load(handle)
                except json.JSONDecodeError as error:
                    _write({"id": path, "ok": False, "status": 400, "error_type": "JSONDecodeError", "message": str(error)})
                    continue
            _write({"id": path, **compiler.compile(definition)})
        return 0
    for item in _stdin_items(stdin if stdin is not None else sys.stdin):
        if "parse_error" in item:
            _write({"id": item["id"], "ok": False, "status": 400, "error_type": "JSONDecodeError", "message": item["parse_error"]})
        else:
            _write({"id": item["id"], **compiler.compile(item["definition"])})
    return 0


def main(argv: List[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write(__doc__ or "")
        return 2 if not argv else 0
    command, rest = argv[0], argv[1:]
    try:
        if command == "version":
            _write(version_info())
        elif command == "describe":
            _write(describe())
        elif command == "facts":
            _write(facts())
        elif command == "compile":
            return compile_command(rest)
        else:
            sys.stderr.write(f"unknown command {command!r}\n{__doc__}")
            return 2
    except Exception:  # noqa: BLE001 - a broken engine install must say so, on stderr
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
