"""The short run of the search fault script: a node killed, then the whole cluster down, then back.

It starts its own three-node cluster (tests/benchmarks/search_faults.py), so it needs what `ops/services.sh`
installs for OpenSearch (Java and the runner's classpath); it is marked `opensearch` and runs in CI's second run.
"""

import pytest

from tests.benchmarks.search_faults import execute, parse_args


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_losing_a_node_then_the_whole_cluster_keeps_every_budget(capsys):
    status = execute(parse_args(["--short"]), configure_django=False)

    report = capsys.readouterr().out
    assert status == 0, report
    assert "index writes lost: 0" in report
