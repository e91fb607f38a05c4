"""The Streamlit dashboard: reads the store read-only and never writes."""
