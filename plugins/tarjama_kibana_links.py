"""From a DAG run in the Airflow UI to its articles in Kibana, in one click.

Two links on every DAG run's page (`external_views`, destination `dag_run`): "Articles in
Kibana", Discover filtered on the run's `provenance.run_id`, and "Dashboard in Kibana", the
overview dashboard over the run's data interval. The UI templates a link with the DAG and run
ids only, so both point at a small redirect served by the API server (`fastapi_apps`), which
reads the run's data interval from the metadata database. Kibana's address: `[tarjama]
kibana_url` in the Airflow configuration (`AIRFLOW__TARJAMA__KIBANA_URL`), else `KIBANA_URL`.
"""

from __future__ import annotations

from airflow.configuration import conf
from airflow.plugins_manager import AirflowPlugin
from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse

PREFIX = "/tarjama-kibana"
app = FastAPI(title="Tarjama: links into Kibana")


def kibana_base() -> str:
    from tarjama.settings import Settings

    return conf.get("tarjama", "kibana_url", fallback=None) or Settings.from_env().kibana_url


@app.get("/{view}/{dag_id}/{run_id}")
def open_in_kibana(view: str, dag_id: str, run_id: str) -> RedirectResponse:
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from sqlalchemy import select

    from tarjama.kibana import dashboard_url, discover_url

    if view == "discover":
        return RedirectResponse(discover_url(kibana_base(), run_id))
    if view != "dashboard":
        raise HTTPException(404, f"no Kibana view {view!r}: discover or dashboard")
    with create_session() as session:
        run = session.scalar(select(DagRun).where(DagRun.dag_id == dag_id, DagRun.run_id == run_id))
        if run is None or run.data_interval_start is None:
            raise HTTPException(404, f"no DAG run {run_id!r} of {dag_id!r} with a data interval")
        start, end = run.data_interval_start.isoformat(), run.data_interval_end.isoformat()
    return RedirectResponse(dashboard_url(kibana_base(), start, end))


class TarjamaKibanaLinks(AirflowPlugin):
    name = "tarjama_kibana_links"
    fastapi_apps = [{"app": app, "url_prefix": PREFIX, "name": "Tarjama: links into Kibana"}]
    external_views = [
        {"name": "Articles in Kibana", "href": f"{PREFIX}/discover/{{DAG_ID}}/{{RUN_ID}}", "destination": "dag_run"},
        {"name": "Dashboard in Kibana", "href": f"{PREFIX}/dashboard/{{DAG_ID}}/{{RUN_ID}}", "destination": "dag_run"},
    ]
