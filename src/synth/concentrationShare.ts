/**
 * The smallest share of employees that together account for `share` of all reports, from a
 * histogram (index k holds the number of employees with k reports). Employees with the most
 * reports are taken first; the last group is taken fractionally so the result is not lumpy.
 */
export function concentrationShare(
  employeesByReportCount: readonly number[],
  share: number,
): number {
  let employees = 0;
  let reports = 0;
  for (let k = 0; k < employeesByReportCount.length; k++) {
    employees += employeesByReportCount[k] ?? 0;
    reports += k * (employeesByReportCount[k] ?? 0);
  }
  if (employees === 0 || reports === 0) return Number.NaN;

  const wanted = share * reports;
  let takenReports = 0;
  let takenEmployees = 0;
  for (let k = employeesByReportCount.length - 1; k > 0; k--) {
    const count = employeesByReportCount[k] ?? 0;
    if (takenReports + k * count >= wanted) {
      takenEmployees += (wanted - takenReports) / k;
      return takenEmployees / employees;
    }
    takenReports += k * count;
    takenEmployees += count;
  }
  return takenEmployees / employees;
}
