import Taro from '@tarojs/taro';

/**
 * Hands a downloaded workbook to the user. WeChat opens it in its document viewer, whose menu
 * forwards or saves it (a mini program cannot write to the phone's files); H5 saves it with a
 * download link under the given name.
 */
export async function saveWorkbook(tempFilePath: string, fileName: string): Promise<'opened' | 'saved'> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
    return 'opened';
  }
  const link = document.createElement('a');
  link.href = tempFilePath;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The blob stays readable while the browser writes the file.
  setTimeout(() => URL.revokeObjectURL(tempFilePath), 60_000);
  return 'saved';
}
