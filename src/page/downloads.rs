//! Each series as a CSV file a reader can take away, with every figure as
//! published and the cell it came from.

use super::figure::data_csv_path;
use super::{RenderedFile, SiteData};
use crate::error::Error;

/// Renders `series/<id>/<id>.csv` for every series.
pub fn render_downloads(data: &SiteData<'_>) -> Result<Vec<RenderedFile>, Error> {
    let mut files = Vec::new();
    for view in data.all_series() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let header = [
            "week_start",
            "week_end",
            "ytd_year",
            "week_of_year",
            "acquisition_100m_yen",
            "disposition_100m_yen",
            "net_100m_yen",
            "ytd_net_100m_yen",
            "source_file",
            "source_line",
            "source_column",
        ];
        let csv_error = |error: csv::Error| Error::Internal(format!("could not write CSV: {error}"));
        writer.write_record(header).map_err(csv_error)?;
        for (point, facts) in view.series.points.iter().zip(view.facts) {
            let optional = |value: Option<crate::model::Oku>| value.map(|v| v.0.to_string()).unwrap_or_default();
            writer
                .write_record([
                    point.week.start().format("%Y-%m-%d").to_string(),
                    point.week.end().format("%Y-%m-%d").to_string(),
                    facts.week.ytd_year().to_string(),
                    facts.week.week_of_year().to_string(),
                    optional(point.acquisition),
                    optional(point.disposition),
                    point.net.0.to_string(),
                    facts.ytd.map(|ytd| ytd.total.0.to_string()).unwrap_or_default(),
                    point.cell.path.clone(),
                    point.cell.line.to_string(),
                    point.cell.column.to_string(),
                ])
                .map_err(csv_error)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|error| Error::Internal(format!("could not write CSV: {error}")))?;
        files.push(RenderedFile {
            path: data_csv_path(&view.series.meta.id),
            bytes,
        });
    }
    Ok(files)
}
