# The Airflow image for docker-compose.yml: Airflow 3.3.2 with Tarjama and its models.
ARG AIRFLOW_IMAGE_TAG=3.3.2-python3.11
FROM apache/airflow:${AIRFLOW_IMAGE_TAG}

ENV ARGOS_PACKAGES_DIR=/opt/argos-packages
USER root
RUN mkdir -p /opt/argos-packages /opt/tarjama && chown -R airflow: /opt/argos-packages /opt/tarjama
USER airflow

# The package (with its resources and Arabic NER model as package data), installed as a user
# would, against the versions tested together; nothing is found through PYTHONPATH.
COPY --chown=airflow pyproject.toml README.md constraints.txt /opt/tarjama/
COPY --chown=airflow include /opt/tarjama/include
COPY --chown=airflow models /opt/tarjama/models
RUN pip install --no-cache-dir /opt/tarjama -c /opt/tarjama/constraints.txt

# The translation model is installed at build time, never downloaded inside a task.
#   ARGOS_INSTALL=argospm  the real translate-ar_en from the Argos index (default; needs network)
#   ARGOS_INSTALL=test     the project's small test package (offline; test vocabulary only)
ARG ARGOS_INSTALL=argospm
RUN if [ "$ARGOS_INSTALL" = "test" ]; then \
      tarjama models install /opt/tarjama/models/translate-ar_en-tarjama_test-1.0.argosmodel; \
    else \
      tarjama models install ar_en; \
    fi
