"""Tests of engine/bridge.py against the installed engine: `.engine/venv/bin/python -m unittest engine/test_bridge.py`."""

import io
import json
import os
import re
import subprocess
import sys
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bridge  # noqa: E402

IMAGE_INPUT = {"type": "WorkflowImage", "name": "image"}


def definition(steps, outputs, inputs=None):
    return {"version": "1.0", "inputs": inputs if inputs is not None else [IMAGE_INPUT], "steps": steps, "outputs": outputs}


DETECT = {"type": "roboflow_core/roboflow_object_detection_model@v2", "name": "det", "images": "$inputs.image", "model_id": "yolov8n-640"}
VALID = definition([DETECT], [{"type": "JsonField", "name": "out", "selector": "$steps.det.predictions"}])


class BridgeTest(unittest.TestCase):
    compiler: "bridge.Compiler"

    @classmethod
    def setUpClass(cls):
        cls.compiler = bridge.Compiler()

    def test_version_is_the_pinned_one(self):
        with open(os.path.join(HERE, "requirements.lock"), encoding="utf-8") as handle:
            pinned = re.search(r"^roboflow-workflows==(\S+)$", handle.read(), re.M).group(1)
        info = bridge.version_info()
        self.assertEqual(info["roboflow_workflows"], pinned)
        self.assertTrue(all(re.match(r"^1\.\d+\.\d+$", v) for v in info["execution_engine_versions"]))

    def test_a_valid_definition_compiles(self):
        self.assertEqual(self.compiler.compile(VALID), {"ok": True})

    def test_a_dangling_selector_is_refused_with_the_servers_400_body(self):
        broken = definition([{**DETECT, "images": "$inputs.imgae"}], VALID["outputs"])
        verdict = self.compiler.compile(broken)
        self.assertFalse(verdict["ok"])
        self.assertEqual(verdict["status"], 400)
        self.assertEqual(verdict["error_type"], "InvalidReferenceTargetError")
        # WorkflowErrorResponse is dumped whole, null keys included, as the server sends it.
        self.assertLessEqual({"message", "error_type", "context", "inner_error_type", "inner_error_message", "blocks_errors"}, set(verdict["body"]))

    def test_a_cycle_is_an_execution_graph_structure_error(self):
        steps = [
            {"type": "roboflow_core/property_definition@v1", "name": "a", "data": "$steps.b.output", "operations": []},
            {"type": "roboflow_core/property_definition@v1", "name": "b", "data": "$steps.a.output", "operations": []},
        ]
        verdict = self.compiler.compile(definition(steps, [{"type": "JsonField", "name": "o", "selector": "$steps.a.output"}]))
        self.assertEqual(verdict["error_type"], "ExecutionGraphStructureError")

    def test_an_unknown_block_is_a_syntax_error(self):
        verdict = self.compiler.compile(definition([{**DETECT, "type": "roboflow_core/no_such_block@v1"}], VALID["outputs"]))
        self.assertEqual(verdict["error_type"], "WorkflowSyntaxError")

    def test_any_json_value_gets_an_answer(self):
        for value in (None, [], "x", 3, {"version": "1.0"}):
            verdict = self.compiler.compile(value)
            self.assertFalse(verdict["ok"], value)
            self.assertIsInstance(verdict["error_type"], str)

    def test_stdin_mode_answers_every_line_in_order_even_malformed_ones(self):
        lines = [json.dumps({"id": "a", "definition": VALID}), "{not json", json.dumps({"id": "c", "definition": {}})]
        out = io.StringIO()
        with redirect_stdout(out):
            bridge.compile_command([], stdin=lines)
        answers = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual([a["id"] for a in answers], ["a", 2, "c"])
        self.assertEqual([a["ok"] for a in answers], [True, False, False])
        self.assertEqual(answers[1]["error_type"], "JSONDecodeError")

    def test_describe_has_the_servers_shape_and_the_enterprise_blocks(self):
        described = bridge.describe()
        self.assertLessEqual({"blocks", "declared_kinds", "kinds_connections"}, set(described))
        types = {b["manifest_type_identifier"] for b in described["blocks"]}
        self.assertIn("roboflow_core/roboflow_object_detection_model@v2", types)
        self.assertTrue(any(t.startswith("roboflow_enterprise/") or "mqtt" in t for t in types))
        block = next(b for b in described["blocks"] if b["manifest_type_identifier"] == "roboflow_core/roboflow_object_detection_model@v2")
        self.assertLessEqual({"block_schema", "outputs_manifest", "human_friendly_block_name", "manifest_type_identifier_aliases"}, set(block))

    def test_facts_carry_batch_parameters_and_field_aliases(self):
        facts = bridge.facts()["blocks"]
        crop = facts["roboflow_core/dynamic_crop@v1"]
        self.assertEqual(crop["output_dimensionality_offset"], 1)
        self.assertIn("image", crop["field_aliases"]["images"])
        self.assertIn("api_key", facts["roboflow_core/roboflow_object_detection_model@v2"]["init_parameters"])

    def test_the_command_line_prints_one_json_line_per_file(self):
        path = os.path.join(HERE, "..", "examples")
        files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".workflow.json"))[:2]
        run = subprocess.run([sys.executable, os.path.join(HERE, "bridge.py"), "compile", *files], capture_output=True, text=True, check=True)
        answers = [json.loads(line) for line in run.stdout.splitlines()]
        self.assertEqual([a["id"] for a in answers], files)



CORPUS = os.path.join(HERE, "..", "test", "fixtures", "corpus")


class MemoisedBlockLoadingTest(unittest.TestCase):
    """The bridge lists the engine's blocks once per process instead of once per compile."""

    def test_verdicts_are_the_engines_own_on_every_corpus_definition(self):
        from roboflow_workflows.execution_engine.introspection import blocks_loader
        from roboflow_workflows.execution_engine.v1.compiler import core as compiler_core
        from roboflow_workflows.execution_engine.v1.compiler import syntactic_parser

        compiler = bridge.Compiler()
        memoised = blocks_loader.load_workflow_blocks
        self.assertTrue(getattr(memoised, "memoised", False))
        modules = (blocks_loader, compiler_core, syntactic_parser)
        compared = 0
        for name in sorted(os.listdir(CORPUS)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(CORPUS, name), encoding="utf-8") as file:
                try:
                    document = json.load(file)
                except ValueError:
                    continue
            if not isinstance(document, dict):
                continue

            def probe(tag):
                # A distinct unused input per run, so the engine's compile cache cannot answer.
                inputs = document.get("inputs") if isinstance(document.get("inputs"), list) else []
                return {**document, "inputs": [*inputs, {"type": "WorkflowParameter", "name": f"memo_probe_{tag}"}]}

            fast = compiler.compile(probe("memoised"))
            for module in modules:
                module.load_workflow_blocks = memoised.original
            try:
                plain = compiler.compile(probe("plain"))
            finally:
                for module in modules:
                    module.load_workflow_blocks = memoised
            verdict = lambda answer: (answer["ok"], answer.get("status"), answer.get("error_type"))  # noqa: E731
            self.assertEqual(verdict(fast), verdict(plain), name)
            compared += 1
        self.assertGreater(compared, 150)


if __name__ == "__main__":
    unittest.main()
